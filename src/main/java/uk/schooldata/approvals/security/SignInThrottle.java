package uk.schooldata.approvals.security;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Slows password guessing without letting anyone lock a user out. Each client address has a bucket of failed
 * sign-ins per user id and one for all user ids together; a failure takes a token, and an empty bucket refuses
 * further attempts from that address (for that user, or for everyone) until it refills. A correct password is never
 * counted, and an attempt from another address is never slowed: a stranger's wrong guesses cannot keep the real user
 * out. Buckets live in memory on each node, at most {@value #MAX_TRACKED} of each kind.
 */
@Component
@EnableConfigurationProperties(SignInThrottleProperties.class)
class SignInThrottle {

	private static final Logger LOG = LoggerFactory.getLogger(SignInThrottle.class);

	private static final int MAX_TRACKED = 100_000;

	private final SignInThrottleProperties properties;

	private final Cache<String, Bucket> perUserAndAddress;

	private final Cache<String, Bucket> perAddress;

	SignInThrottle(SignInThrottleProperties properties) {
		this.properties = properties;
		this.perUserAndAddress = cache(properties.refillPeriod());
		this.perAddress = cache(properties.refillPeriod());
	}

	/**
	 * Whether a sign-in from this address for this user may be checked at all.
	 */
	boolean mayTry(String address, String userId) {
		return userBucket(address, userId).getAvailableTokens() > 0 && addressBucket(address).getAvailableTokens() > 0;
	}

	/**
	 * Counts a failed sign-in.
	 */
	void failed(String address, String userId) {
		boolean userLeft = userBucket(address, userId).tryConsume(1);
		boolean addressLeft = addressBucket(address).tryConsume(1);
		if (!userLeft || !addressLeft) {
			LOG.warn("Sign-ins from {} throttled after repeated failures", address);
		}
	}

	/**
	 * How long until one more attempt is allowed: what a {@code Retry-After} header says.
	 */
	Duration retryAfter() {
		return properties.refillPeriod().dividedBy(Math.min(properties.perUserAndAddress(), properties.perAddress()));
	}

	private Bucket userBucket(String address, String userId) {
		String user = userId == null ? "" : userId.strip().toLowerCase(Locale.ROOT);
		return perUserAndAddress.get(address + "|" + user, key -> bucket(properties.perUserAndAddress()));
	}

	private Bucket addressBucket(String address) {
		return perAddress.get(address, key -> bucket(properties.perAddress()));
	}

	private Bucket bucket(int capacity) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, properties.refillPeriod()).build())
			.build();
	}

	private static Cache<String, Bucket> cache(Duration refillPeriod) {
		return Caffeine.newBuilder().expireAfterAccess(refillPeriod).maximumSize(MAX_TRACKED).build();
	}
}
