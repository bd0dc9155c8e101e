package uk.schooldata.approvals.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Around everything else, Spring Security's sign-in included (which reads users from the database): a request that
 * fails because the database cannot be reached is answered {@code 503} with {@code Retry-After} and a plain
 * {@code application/problem+json}, not the container's {@code 500}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private final ObjectMapper objectMapper;

	DatabaseUnavailableFilter(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!DatabaseUnavailable.isCauseOf(ex) || response.isCommitted()) {
				throw ex;
			}
			LOG.warn("{} {} answered 503: the database cannot be reached ({})", request.getMethod(),
					Problems.loggable(request.getRequestURI()), ex.getMessage());
			write(response);
		}
	}

	private void write(HttpServletResponse response) throws IOException {
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		objectMapper.writeValue(response.getOutputStream(), DatabaseUnavailable.problem());
	}
}
