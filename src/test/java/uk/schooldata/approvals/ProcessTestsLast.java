package uk.schooldata.approvals;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the {@link ProcessTest} classes after all others ({@code junit-platform.properties}), so that the one
 * application context they share starts once, after every other class has closed its own, and is never alive while
 * another starts: two Camunda engines named "default" cannot live side by side.
 */
public class ProcessTestsLast implements ClassOrderer {

	@Override
	public void orderClasses(ClassOrdererContext context) {
		context.getClassDescriptors()
			.sort(Comparator.comparing((ClassDescriptor descriptor) -> descriptor.isAnnotated(ProcessTest.class))
				.thenComparing(descriptor -> descriptor.getTestClass().getName()));
	}
}
