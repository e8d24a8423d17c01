package dev.ticketloop.routingservice.template;

import java.util.List;

/**
 * A customer's message that says the answer did not help ("that did not help", "no me
 * sirvió", "没用"), in English, Spanish and Chinese.
 */
public final class AnswerFeedback {

	private static final List<String> DID_NOT_HELP = List.of("didn't help", "did not help", "didnt help",
			"doesn't help", "does not help", "not helpful", "wasn't helpful", "was not helpful", "didn't work",
			"did not work", "didnt work", "doesn't answer", "does not answer", "not what i asked", "still can't",
			"still cannot", "still doesn't", "no me ayudo", "no me ha ayudado", "no ayudo", "no me sirvio", "no sirvio",
			"no sirve", "no funciono", "no me funciono", "sigo sin", "no responde a mi pregunta",
			"no es lo que pregunte", "没用", "没有用", "不管用", "没帮助", "没有帮助", "没帮上", "还是不行", "还是没", "不是我问的", "答非所问");

	private AnswerFeedback() {
	}

	public static boolean saysItDidNotHelp(String message) {
		if (message == null) {
			return false;
		}
		String plain = AutoAnswerGuard.plain(message);
		return DID_NOT_HELP.stream().anyMatch((phrase) -> plain.contains(AutoAnswerGuard.plain(phrase)));
	}

}
