package uk.schooldata.approvals.invite.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import uk.schooldata.approvals.invite.Invite;
import uk.schooldata.approvals.invite.InviteService;
import uk.schooldata.approvals.invite.InviteStatus;
import uk.schooldata.approvals.invite.SourceGroup;
import uk.schooldata.approvals.security.Caller;
import uk.schooldata.approvals.security.Roles;

/**
 * The invite API's own access checks, on the web layer alone: who may see and manage which school's invites. The
 * service is a stand-in; {@code InviteApiIntegrationTests} runs the same routes on the whole application.
 */
@WebMvcTest(InviteController.class)
class InviteControllerTests {

	static final String NORTH = "100001";

	static final String SOUTH = "100002";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	InviteService invites;

	@BeforeEach
	void anInviteAtNorthfield() {
		given(invites.find("invite-1")).willReturn(Optional.of(new Invite("invite-1", "batch-1", NORTH,
				SourceGroup.STAFF, "STF-1", "Sam Smith", "sam@northfield.example", InviteStatus.SENT,
				Instant.parse("2026-12-01T09:00:00Z"), null, null, null, null, null, List.of(), null)));
	}

	@Test
	void theSchoolsAdministratorAndAuditorsSeeTheInvite() throws Exception {
		mvc.perform(get("/api/invites/invite-1").with(as(administratorOf(NORTH))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("invite-1"));
		mvc.perform(get("/api/invites/invite-1").with(as(new Caller("auditor", Set.of(Roles.AUDITORS), Set.of()))))
			.andExpect(status().isOk());
	}

	@Test
	void anotherSchoolsAdministratorIsToldNothingExists() throws Exception {
		mvc.perform(get("/api/invites/invite-1").with(as(administratorOf(SOUTH))))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://schooldata.example/problems/invite-not-found"));
		mvc.perform(delete("/api/invites/invite-1").with(csrf()).with(as(administratorOf(SOUTH))))
			.andExpect(status().isNotFound());

		verify(invites, never()).cancel(any(), any());
	}

	@Test
	void appsAndAuditorsInviteNobody() throws Exception {
		for (Caller caller : List.of(new Caller("demo-app", Set.of(Roles.APPS), Set.of()),
				new Caller("auditor", Set.of(Roles.AUDITORS), Set.of()), administratorOf(SOUTH))) {
			mvc.perform(post("/api/schools/" + NORTH + "/invites").with(csrf())
				.with(as(caller))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sourceGroup\":\"STAFF\",\"personIds\":[\"STF-1\"]}"))
				.andExpect(status().isForbidden())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}

		verify(invites, never()).invite(any(), any(), any());
	}

	private static Caller administratorOf(String urn) {
		return new Caller("admin@" + urn + ".example", Set.of(Roles.SCHOOL_ADMINS), Set.of(urn));
	}

	private static RequestPostProcessor as(Caller caller) {
		return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
				caller.groups().stream().map(SimpleGrantedAuthority::new).toList()));
	}
}
