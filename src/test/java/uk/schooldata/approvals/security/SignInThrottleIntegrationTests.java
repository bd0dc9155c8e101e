package uk.schooldata.approvals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Wrong passwords slow down the address they come from, never the user: a stranger's guesses cannot lock a school
 * administrator out. Each caller connects from an address of its own on the loopback network (127.0.0.x).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.job-execution.enabled=false", "app.demo.enabled=true",
				"app.security.sign-in-throttle.per-user-and-address=3",
				"app.security.sign-in-throttle.per-address=20",
				"app.security.sign-in-throttle.refill-period=PT1H" })
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine alive at a time: see ProcessTest
class SignInThrottleIntegrationTests {

	static final String ADMIN = "admin@northfield.example";

	static final String PASSWORD = "northfield";

	@LocalServerPort
	int port;

	@Test
	void manyWrongPasswordsFromOneAddressLeaveTheRightPasswordWorkingFromAnother() throws IOException {
		List<Integer> attacker = new ArrayList<>();
		for (int attempt = 0; attempt < 5; attempt++) {
			attacker.add(statusFrom("127.0.0.11", ADMIN, "guess-" + attempt));
		}

		assertThat(attacker).containsExactly(401, 401, 401, 429, 429);
		assertThat(statusFrom("127.0.0.11", ADMIN, PASSWORD)).as("the attacker's address, right password")
			.isEqualTo(429);
		assertThat(statusFrom("127.0.0.12", ADMIN, PASSWORD)).as("the administrator's own address").isEqualTo(200);
		assertThat(statusFrom("127.0.0.11", "admin@southbank.example", "southbank")).as("another user")
			.isEqualTo(200);
	}

	@Test
	void moreWrongPasswordsThanCamundaWouldHaveAllowedNeverLockTheUser() throws IOException {
		for (int address = 20; address < 35; address++) {
			assertThat(statusFrom("127.0.0." + address, "admin@southbank.example", "wrong")).isEqualTo(401);
		}

		assertThat(statusFrom("127.0.0.12", "admin@southbank.example", "southbank")).isEqualTo(200);
	}

	@Test
	void wrongPasswordsAtTheWebappsLoginAreThrottledTooAndLockNobodyOut() throws IOException {
		List<Integer> logins = new ArrayList<>();
		for (int attempt = 0; attempt < 4; attempt++) {
			logins.add(WebappSession.signIn(port, "auditor", "guess-" + attempt, "cockpit").loginStatus);
		}

		assertThat(logins).containsExactly(401, 401, 401, 429);
		assertThat(WebappSession.signIn(port, "auditor", "auditor", "cockpit").loginStatus).isEqualTo(429);
		assertThat(statusFrom("127.0.0.13", "auditor", "auditor")).isEqualTo(200);
	}

	/**
	 * The user's own profile ({@code GET /engine-rest/user/{id}/profile}) with HTTP Basic, over a connection from the
	 * given local address.
	 */
	private int statusFrom(String localAddress, String user, String password) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(10_000);
			String credentials = Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			out.write(("GET /engine-rest/user/" + user + "/profile HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
	}
}
