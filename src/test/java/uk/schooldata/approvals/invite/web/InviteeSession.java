package uk.schooldata.approvals.invite.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An invitee's browser, at the HTTP level: a cookie jar, and every redirect followed by hand and kept, so a test
 * sees each hop between this application and the provider's (simulated) server, as a browser makes them.
 */
public final class InviteeSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	/** Every address visited, in order, redirects included. */
	private final List<URI> visited = new ArrayList<>();

	public InviteeSession(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * Opens the address and follows every redirect.
	 */
	public Page open(String address) {
		return follow(send(HttpRequest.newBuilder(resolve(address)).GET()));
	}

	/**
	 * Posts a form and follows every redirect.
	 */
	public Page post(String address, Map<String, String> form) {
		return follow(send(HttpRequest.newBuilder(resolve(address))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))));
	}

	/**
	 * Chooses the provider on the invitation page and signs in at its simulator as a person would, with the claims
	 * the simulator's page would send for them.
	 *
	 * @return the page the sign-in ends on (the confirmation, or why it failed)
	 */
	public Page signInWith(String provider, String username, Map<String, Object> claims) {
		HttpResponse<String> toProvider = send(HttpRequest.newBuilder(resolve("/oauth2/authorization/" + provider)).GET());
		URI authorize = location(toProvider);
		HttpResponse<String> signInPage = send(HttpRequest.newBuilder(authorize).GET());
		if (signInPage.statusCode() != 200 || !signInPage.body().contains("name=\"username\"")) {
			throw new IllegalStateException("No sign-in page at " + authorize + ": " + signInPage.statusCode());
		}
		return post(authorize.toString(), Map.of("username", username, "claims", Json.of(claims)));
	}

	/**
	 * Signs in at the provider's page but stops where the provider sends the browser back.
	 *
	 * @return the address of this application's callback, with the code and the state
	 */
	public URI signInAtProvider(URI authorize, String username, Map<String, Object> claims) {
		return location(send(HttpRequest.newBuilder(authorize)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(Map.of("username", username, "claims",
					Json.of(claims)))))));
	}

	/**
	 * Starts the sign-in and returns the provider's authorization address without going there.
	 */
	public URI authorizationRequest(String provider) {
		return location(send(HttpRequest.newBuilder(resolve("/oauth2/authorization/" + provider)).GET()));
	}

	/**
	 * Submits the page's form at {@code action}, with the page's CSRF token.
	 */
	public Page submit(Page page, String action) {
		Matcher csrf = CSRF.matcher(page.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on " + page.address());
		}
		return post(action, Map.of("_csrf", csrf.group(1)));
	}

	/**
	 * Sends the browser to an address as a provider's redirect would, and follows on.
	 */
	public Page arriveAt(URI address) {
		return follow(send(HttpRequest.newBuilder(address).GET()));
	}

	public List<URI> visited() {
		return List.copyOf(visited);
	}

	private Page follow(HttpResponse<String> response) {
		HttpResponse<String> current = response;
		for (int hops = 0; current.statusCode() / 100 == 3; hops++) {
			if (hops > 10) {
				throw new IllegalStateException("Too many redirects: " + visited);
			}
			current = send(HttpRequest.newBuilder(location(current)).GET());
		}
		return new Page(current.uri(), current.statusCode(), current.body(), current.headers());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		HttpRequest built = request.build();
		visited.add(built.uri());
		try {
			return client.send(built, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static URI location(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location")
			.orElseThrow(() -> new IllegalStateException(response.uri() + " answered " + response.statusCode()
					+ " without a Location"));
		return response.uri().resolve(location);
	}

	private URI resolve(String address) {
		return URI.create(address.startsWith("http") ? address : base + address);
	}

	private static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/**
	 * Where a request ended, its status and its HTML.
	 */
	public record Page(URI address, int status, String body, HttpHeaders headers) {

		public String path() {
			return address.getPath();
		}

		/**
		 * The HTML with each run of white space as one space, for phrases that wrap in the template.
		 */
		public String text() {
			return body.replaceAll("\\s+", " ");
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	/**
	 * The claims each simulated provider's page sends for an account (see {@code sign-in-simulator/sign-in.html}).
	 */
	public static final class Json {

		private Json() {
		}

		public static Map<String, Object> google(String email, String name) {
			return ordered("email", email, "email_verified", true, "name", name);
		}

		public static Map<String, Object> microsoft(String email, String name, String tenant) {
			return ordered("email", email, "preferred_username", email, "name", name, "tid", tenant);
		}

		public static Map<String, Object> facebook(String id, String email, String name) {
			return ordered("id", id, "email", email, "name", name);
		}

		public static Map<String, Object> twitter(String id, String name, String handle) {
			return ordered("data", ordered("id", id, "name", name, "username", handle));
		}

		static String of(Map<String, Object> claims) {
			try {
				return new ObjectMapper().writeValueAsString(claims);
			}
			catch (JsonProcessingException ex) {
				throw new IllegalArgumentException(ex);
			}
		}

		private static Map<String, Object> ordered(Object... keysAndValues) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (int i = 0; i < keysAndValues.length; i += 2) {
				map.put((String) keysAndValues[i], keysAndValues[i + 1]);
			}
			return map;
		}
	}
}
