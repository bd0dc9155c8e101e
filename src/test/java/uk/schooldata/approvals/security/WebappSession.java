package uk.schooldata.approvals.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session with Camunda's webapps, as Tasklist and Cockpit hold one: the login form, the session cookie,
 * and the CSRF token the webapps demand on every call that changes something.
 */
final class WebappSession {

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	final int loginStatus;

	private WebappSession(int port, String user, String password, String app) {
		this.base = "http://localhost:" + port;
		this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
		get("/camunda/api/engine/engine/");
		this.loginStatus = send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", csrfToken())
			.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password))))
			.statusCode();
		// The login starts a new session; the next read hands out its CSRF token.
		get("/camunda/api/admin/auth/user/default");
	}

	static WebappSession signIn(int port, String user, String password, String app) {
		return new WebappSession(port, user, password, app);
	}

	/**
	 * Never signed in: only the CSRF token of an anonymous session.
	 */
	static WebappSession anonymous(int port) {
		return new WebappSession(port, "", "", "welcome");
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	HttpResponse<String> post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrfToken())
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	HttpResponse<String> put(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrfToken())
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * The webapps' engine API: {@code /camunda/api/engine/engine/default} + the path {@code /engine-rest} would take.
	 */
	static String engine(String path) {
		return "/camunda/api/engine/engine/default" + path;
	}

	private String csrfToken() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.reduce((first, second) -> second)
			.orElse("");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach the webapps", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
