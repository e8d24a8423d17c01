package dev.ticketloop.platform.tracing;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.MultiCorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the W3C trace context travel ({@link TraceContext}): a REST call's
 * {@code traceparent} (or a new trace) goes into every command the call sends, from there
 * into the events they cause (Axon's correlation data), and every event handler, outbox
 * and sender works in the trace of the event it handles.
 */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(CommandBus.class)
public class TracingAutoConfiguration {

	/**
	 * Axon's own origin (correlation and trace ids of its messages) and the W3C trace
	 * context, copied from each handled message to the messages its handling creates.
	 */
	@Bean
	public CorrelationDataProvider ticketloopCorrelationData() {
		return new MultiCorrelationDataProvider<>(
				List.of(new MessageOriginProvider(), new SimpleCorrelationDataProvider(TraceContext.TRACEPARENT)));
	}

	/**
	 * Commands sent outside a handler (a REST call, a Kafka listener, a timer) carry the
	 * trace the thread works in.
	 */
	@Bean
	public SmartInitializingSingleton traceCommandsSent(CommandBus commandBus) {
		MessageDispatchInterceptor<CommandMessage<?>> interceptor = (messages) -> (index, command) -> {
			if (command.getMetaData().containsKey(TraceContext.TRACEPARENT)) {
				return command;
			}
			return TraceContext.current()
				.<CommandMessage<?>>map(
						(traceparent) -> command.andMetaData(Map.of(TraceContext.TRACEPARENT, traceparent)))
				.orElse(command);
		};
		return () -> commandBus.registerDispatchInterceptor(interceptor);
	}

	/** Every event handler works in the trace of the event it handles. */
	@Bean
	public ConfigurerModule traceEventHandlers() {
		MessageHandlerInterceptor<EventMessage<?>> interceptor = (unitOfWork, chain) -> TraceContext
			.withChecked(TraceContext.of(unitOfWork.getMessage().getMetaData()).orElse(null), chain::proceed);
		return (configurer) -> configurer.eventProcessing(
				(processing) -> processing.registerDefaultHandlerInterceptor((config, name) -> interceptor));
	}

	/**
	 * A REST call continues the caller's trace ({@code traceparent} header) or begins
	 * one, and answers with it, so the caller can follow what it caused.
	 */
	@Bean
	@ConditionalOnWebApplication
	public FilterRegistrationBean<OncePerRequestFilter> traceContextFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						String traceparent = TraceContext.parse(request.getHeader(TraceContext.TRACEPARENT))
							.orElseGet(TraceContext::begin);
						response.setHeader(TraceContext.TRACEPARENT, traceparent);
						String previous = TraceContext.current().orElse(null);
						TraceContext.set(traceparent);
						try {
							chain.doFilter(request, response);
						}
						finally {
							TraceContext.restore(previous);
						}
					}

				});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
