package uk.schooldata.approvals.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * Renders the plain-text mail templates under {@code templates/mail}. A template's first line is
 * {@code Subject: ...}; the rest is the body. Both may use {@code ${name}} placeholders; a placeholder without a value
 * is an error, so that no email goes out half-filled.
 */
@Component
class MailTemplates {

	private static final String SUBJECT_PREFIX = "Subject:";

	private final PropertyPlaceholderHelper placeholders = new PropertyPlaceholderHelper("${", "}", null, null, false);

	RenderedMail render(String template, Map<String, String> values) {
		String source = read(template);
		int endOfFirstLine = source.indexOf('\n');
		String firstLine = source.substring(0, endOfFirstLine).strip();
		if (!firstLine.startsWith(SUBJECT_PREFIX)) {
			throw new IllegalStateException("Mail template " + template + " must start with a 'Subject:' line");
		}
		String subject = firstLine.substring(SUBJECT_PREFIX.length()).strip();
		String body = source.substring(endOfFirstLine + 1).stripLeading();
		return new RenderedMail(placeholders.replacePlaceholders(subject, values::get),
				placeholders.replacePlaceholders(body, values::get));
	}

	private static String read(String template) {
		ClassPathResource resource = new ClassPathResource("templates/mail/" + template + ".txt");
		try (var in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read mail template " + template, ex);
		}
	}

	record RenderedMail(String subject, String text) {
	}
}
