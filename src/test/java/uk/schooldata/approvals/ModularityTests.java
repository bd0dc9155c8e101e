package uk.schooldata.approvals;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	@Test
	void modulesOnlyUseEachOthersPublicApi() {
		ApplicationModules.of(Application.class).verify();
	}
}
