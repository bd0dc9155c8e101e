package uk.schooldata.approvals.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders the plain-text mail templates under {@code templates/mail}. A template's first line is
 * {@code Subject: ...}; the rest is the body. Both may use {@code ${name}} placeholders, each replaced once by its
 * value as plain text; a placeholder without a value is an error, so that no email goes out half-filled. A template
 * may have an HTML alternative next to it, {@code <template>.html}, with the same placeholders (their values
 * HTML-escaped) and no subject line.
 */
@Component
class MailTemplates {

	private static final String SUBJECT_PREFIX = "Subject:";

	/** A placeholder: {@code ${name}}. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

	RenderedMail render(String template, Map<String, String> values) {
		String source = read(template);
		int endOfFirstLine = source.indexOf('\n');
		String firstLine = source.substring(0, endOfFirstLine).strip();
		if (!firstLine.startsWith(SUBJECT_PREFIX)) {
			throw new IllegalStateException("Mail template " + template + " must start with a 'Subject:' line");
		}
		String subject = firstLine.substring(SUBJECT_PREFIX.length()).strip();
		String body = source.substring(endOfFirstLine + 1).stripLeading();
		String html = null;
		ClassPathResource htmlResource = new ClassPathResource("templates/mail/" + template + ".html");
		if (htmlResource.exists()) {
			html = fill(read(htmlResource, template), template,
					name -> values.containsKey(name) ? HtmlUtils.htmlEscape(values.get(name)) : null);
		}
		return new RenderedMail(fill(subject, template, values::get), fill(body, template, values::get), html);
	}

	/**
	 * Replaces each placeholder of the template once. A value is text, never a template: a {@code ${...}} inside an
	 * app's purpose or a name from the MIS is written as it is.
	 */
	private static String fill(String text, String template, Function<String, String> values) {
		Matcher placeholder = PLACEHOLDER.matcher(text);
		StringBuilder filled = new StringBuilder();
		while (placeholder.find()) {
			String value = values.apply(placeholder.group(1));
			if (value == null) {
				throw new IllegalStateException(
						"Mail template " + template + " has no value for ${" + placeholder.group(1) + "}");
			}
			placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
		}
		return placeholder.appendTail(filled).toString();
	}

	private static String read(String template) {
		return read(new ClassPathResource("templates/mail/" + template + ".txt"), template);
	}

	private static String read(ClassPathResource resource, String template) {
		try (var in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read mail template " + template, ex);
		}
	}

	/**
	 * @param html the HTML alternative from {@code templates/mail/<template>.html}, values escaped; {@code null} when
	 * the template has none
	 */
	record RenderedMail(String subject, String text, String html) {
	}
}
