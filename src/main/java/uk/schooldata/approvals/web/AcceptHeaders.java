package uk.schooldata.approvals.web;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Choosing between representations of one resource: the alternative (CSV, a printable page) only when the caller
 * names it in {@code Accept}, JSON otherwise, so that {@code Accept: *}{@code /*} (curl, scripts) always gets JSON.
 */
public final class AcceptHeaders {

	private AcceptHeaders() {
	}

	/**
	 * Whether the {@code Accept} header names the type itself (not only a wildcard) with a quality above zero.
	 */
	public static boolean asksFor(String accept, MediaType wanted) {
		if (accept == null || accept.isBlank()) {
			return false;
		}
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch(type -> !type.isWildcardType() && !type.isWildcardSubtype() && type.isCompatibleWith(wanted)
						&& type.getQualityValue() > 0);
		}
		catch (InvalidMediaTypeException unreadable) {
			return false;
		}
	}
}
