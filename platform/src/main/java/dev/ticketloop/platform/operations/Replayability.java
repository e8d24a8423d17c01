package dev.ticketloop.platform.operations;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.ResetHandler;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Whether a processor may be replayed, and from where, read from its handlers: one with
 * side effects ({@link DisallowReplay}) never is; one whose reset handlers clear its read
 * model whatever the start only from the beginning. A handler tells it tolerates a replay
 * from a later event (its records from the events before it left as they are) by a reset
 * handler that takes the {@link ReplayStart}, and clears nothing unless the replay starts
 * at the beginning.
 */
class Replayability {

	private final ApplicationContext context;

	Replayability(ApplicationContext context) {
		this.context = context;
	}

	/** Why the processor must not be replayed at all, or null if it may. */
	String neverBecause(String name) {
		List<Class<?>> handlers = handlers(name);
		for (Class<?> type : handlers) {
			if (AnnotatedElementUtils.hasAnnotation(type, DisallowReplay.class)) {
				return type.getSimpleName() + " has side effects (mail, webhooks, Kafka records or commands); "
						+ "a replay would repeat them.";
			}
			for (Method method : type.getDeclaredMethods()) {
				if (AnnotatedElementUtils.hasAnnotation(method, DisallowReplay.class)) {
					return type.getSimpleName() + "." + method.getName()
							+ " has side effects (mail, webhooks, Kafka records or commands); a replay would repeat them.";
				}
			}
		}
		return handlers.isEmpty() ? "its handlers are not beans with @ProcessingGroup(\"" + name
				+ "\"), so whether they have side effects is not known." : null;
	}

	/**
	 * Why the processor (one that may be replayed) may be replayed from the beginning
	 * only, or null if it may be replayed from a later event too.
	 */
	String fromBeginningOnlyBecause(String name) {
		for (Class<?> type : handlers(name)) {
			List<Method> resets = new ArrayList<>();
			ReflectionUtils.doWithMethods(type, resets::add,
					(method) -> AnnotatedElementUtils.hasAnnotation(method, ResetHandler.class));
			if (resets.isEmpty()) {
				return type.getSimpleName() + " has no reset handler that takes the replay's start, so whether its "
						+ "read model tolerates the records built before it is not known.";
			}
			for (Method reset : resets) {
				if (reset.getParameterCount() == 0 || !reset.getParameterTypes()[0].equals(ReplayStart.class)) {
					return type.getSimpleName() + "." + reset.getName() + " clears the read model on any replay "
							+ "(it does not take the replay's start): a replay from a later event would lose "
							+ "every record built before it.";
				}
			}
		}
		return null;
	}

	/** The classes of the processor's handler beans. */
	private List<Class<?>> handlers(String name) {
		List<Class<?>> found = new ArrayList<>();
		for (Object handler : this.context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
			Class<?> type = AopUtils.getTargetClass(handler);
			ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
			if (group != null && group.value().equals(name)) {
				found.add(type);
			}
		}
		return found;
	}

}
