package uk.schooldata.approvals.accessrequest.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import uk.schooldata.approvals.accessrequest.Scope;
import uk.schooldata.approvals.accessrequest.ScopeCatalogue;

/**
 * The scope catalogue, for app developers and schools alike.
 */
@RestController
class ScopeController {

	private final ScopeCatalogue catalogue;

	ScopeController(ScopeCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	@GetMapping("/api/scopes")
	List<Scope> scopes() {
		return catalogue.all();
	}
}
