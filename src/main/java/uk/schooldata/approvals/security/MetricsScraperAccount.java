package uk.schooldata.approvals.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The monitoring system's own account ({@code app.metrics.scraper.username} and {@code password}): a member of
 * {@value Roles#METRICS_SCRAPERS} only, which may read {@code /actuator/prometheus} and nothing else. Without a
 * password there is no such account, and only platform operators read the metrics. A changed password replaces the
 * stored one at the next start. The name of another user (an operator, an administrator) is refused, so that the
 * setting cannot take over their account.
 */
@Component
@Order(1)
class MetricsScraperAccount implements ApplicationRunner {

	static final int MINIMUM_PASSWORD_LENGTH = ProductionCredentialsCheck.MINIMUM_PASSWORD_LENGTH;

	private static final Logger LOG = LoggerFactory.getLogger(MetricsScraperAccount.class);

	private final IdentityService identityService;

	private final String username;

	private final String password;

	MetricsScraperAccount(IdentityService identityService, @Value("${app.metrics.scraper.username:}") String username,
			@Value("${app.metrics.scraper.password:}") String password) {
		this.identityService = identityService;
		this.username = username;
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (username.isBlank() || password.isBlank()) {
			LOG.info("No metrics scraper account is configured: only platform operators read /actuator/prometheus");
			return;
		}
		if (password.length() < MINIMUM_PASSWORD_LENGTH) {
			throw new IllegalStateException("The metrics scraper's password (app.metrics.scraper.password) must have"
					+ " at least " + MINIMUM_PASSWORD_LENGTH + " characters; refusing to start.");
		}
		User user = identityService.createUserQuery().userId(username).singleResult();
		if (user == null) {
			user = identityService.newUser(username);
			user.setFirstName("Metrics");
			user.setLastName("Scraper");
			user.setPassword(password);
			identityService.saveUser(user);
			identityService.createMembership(username, Roles.METRICS_SCRAPERS);
			LOG.info("Created the metrics scraper account {}", username);
			return;
		}
		List<String> groups = identityService.createGroupQuery()
			.groupMember(username)
			.list()
			.stream()
			.map(Group::getId)
			.toList();
		if (!groups.equals(List.of(Roles.METRICS_SCRAPERS))) {
			throw new IllegalStateException("The metrics scraper's user name (app.metrics.scraper.username) is "
					+ username + ", which is another user's; refusing to start. Choose a name of its own.");
		}
		if (!identityService.checkPassword(username, password)) {
			user.setPassword(password);
			identityService.saveUser(user);
			LOG.info("The metrics scraper account {} has a new password", username);
		}
	}
}
