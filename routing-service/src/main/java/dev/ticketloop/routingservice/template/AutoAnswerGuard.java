package dev.ticketloop.routingservice.template;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tickets no template may answer by itself, however well one matches: a bug report (the
 * customer tells of something broken, which a how-to answer does not fix), an upset
 * customer (who needs a person), and several questions at once (a template answers one).
 * Said in words and signs of English, Spanish and Chinese; such tickets still get the
 * templates as suggestions for the agent.
 */
public final class AutoAnswerGuard {

	/** Why a ticket is not answered automatically. */
	public enum Reason {

		BUG_REPORT("bug-report"), UPSET_CUSTOMER("upset-customer"), SEVERAL_QUESTIONS("several-questions");

		private final String value;

		Reason(String value) {
			this.value = value;
		}

		public String value() {
			return this.value;
		}

	}

	private static final Map<String, List<String>> BROKEN = Map.of("en",
			List.of("error", "errors", "crash", "crashes", "crashed", "crashing", "bug", "broken", "doesn't work",
					"does not work", "doesnt work", "not working", "stopped working", "won't load", "wont load",
					"does nothing", "nothing happens", "blank", "freezes", "frozen", "stuck on", "fails", "failed",
					"failing", "exception", "500", "404", "wrong total", "wrong amount", "is wrong", "are wrong",
					"disappeared", "went missing", "empty file", "won't save", "wont save", "doesn't save",
					"not saving", "does not save", "shows wrong", "wrong characters", "garbled", "glitch",
					"keeps closing"),
			"es",
			List.of("error", "errores", "falla", "fallo", "se cierra", "se cuelga", "se queda colgad", "no funciona",
					"no anda", "dejo de funcionar", "no carga", "no hace nada", "en blanco", "bloquea", "bug",
					"excepcion", "500", "404", "total incorrecto", "mal calculad", "desaparec", "no se guarda",
					"no guarda", "se han perdido", "se perdieron", "archivo vacio", "roto"),
			"zh", List.of("闪退", "报错", "错误", "崩溃", "打不开", "没反应", "没有反应", "无反应", "失败", "bug", "白屏", "卡住", "卡死", "异常",
					"500", "404", "不对", "算错", "丢失", "不见了", "消失", "空白", "空的", "故障", "坏了", "保存不了", "存不上", "乱码"));

	private static final Map<String, List<String>> UPSET = Map
		.of("en",
				List.of("unacceptable", "ridiculous", "outrageous", "disgusting", "terrible", "awful", "worst", "scam",
						"fraud", "lawyer", "legal action", "furious", "angry", "fed up", "sick of", "third time",
						"3rd time", "again and again", "still no answer", "no one answers", "nobody answers",
						"waste of", "joke", "pathetic", "useless", "i'm done", "im done", "switch to a competitor",
						"chargeback", "report you", "stole", "stealing", "rip off", "ripoff", "wtf", "seriously?"),
				"es",
				List.of("inaceptable", "vergonzoso", "verguenza", "indignante", "ridiculo", "pesimo", "fatal", "estafa",
						"fraude", "abogado", "denuncia", "denunciar", "harto", "harta", "hartos", "tercera vez",
						"otra vez sin", "nadie responde", "nadie contesta", "sin respuesta", "una burla", "una broma",
						"inutil", "me voy a la competencia", "robo", "robando", "reclamacion formal", "indignad",
						"furioso", "enfadad", "cabread"),
				"zh",
				List.of("投诉", "太差", "垃圾", "骗子", "骗钱", "气死", "无法接受", "不能接受", "太过分", "过分", "离谱", "坑人", "坑钱", "第三次", "又一次",
						"没人回", "没人理", "没有人回复", "律师", "起诉", "消协", "曝光", "差评", "恶心", "忍无可忍", "失望透顶", "再也不", "换别家", "退钱",
						"什么破"));

	/** The words above as they are compared: made plain once. */
	private static final Map<String, List<String>> PLAIN_BROKEN = plainWords(BROKEN);

	private static final Map<String, List<String>> PLAIN_UPSET = plainWords(UPSET);

	private static final Pattern SENTENCE_END = Pattern.compile(
			"(?iu)[.!?;:+\\n。！？；：]+|\\d\\)|,?\\s*(?:and (?:also|can|could|how|what|where|when|is|do|does)|also|y (?:como|cómo|donde|dónde|cuando|cuándo|que|qué|se puede|puedo)|another question|one more thing|plus|además|ademas|y también|y tambien|y otra cosa|otra cosa|otra pregunta|aparte|por otro lado)\\b|另外|还有|顺便|以及|再问|其次|第二");

	private static final Pattern QUESTION_CUE = Pattern.compile(
			"(?iu)\\?|¿|？|\\b(?:how|can|could|where|when|what|which|is there|do you|does|como|cómo|donde|dónde|cuando|cuándo|que|qué|cual|cuál|puedo|se puede|hay|quiero|queria|quería|necesito|want to|need to|i'd like|would like)\\b|吗|怎么|如何|能不能|能否|是否|可以|哪|什么|多久|多少|想|要");

	private static final Pattern SHOUTING = Pattern.compile("\\b[A-ZÁÉÍÓÚÑ]{4,}\\b");

	/**
	 * The score a part of the text must reach with another template to be a second
	 * question.
	 */
	static final double SECOND_QUESTION_AT = 0.45;

	private final TemplateMatcher matcher;

	public AutoAnswerGuard(TemplateMatcher matcher) {
		this.matcher = matcher;
	}

	/**
	 * Why the ticket must not be answered automatically, if it must not.
	 * @param best the template that would answer it
	 */
	public Optional<Reason> holdBack(String subject, String body, String language, LiveTemplate best) {
		String text = (subject != null ? subject : "") + "\n" + (body != null ? body : "");
		String plain = plain(text);
		if (containsAny(plain, PLAIN_UPSET.getOrDefault(language, List.of())) || shouting(text)) {
			return Optional.of(Reason.UPSET_CUSTOMER);
		}
		if (containsAny(plain, PLAIN_BROKEN.getOrDefault(language, List.of()))) {
			return Optional.of(Reason.BUG_REPORT);
		}
		if (severalQuestions(text, language, best)) {
			return Optional.of(Reason.SEVERAL_QUESTIONS);
		}
		return Optional.empty();
	}

	/** Another part of the text asks what another template answers. */
	private boolean severalQuestions(String text, String language, LiveTemplate best) {
		// the parts with what ends them (a question mark tells a question)
		List<String> parts = new ArrayList<>();
		java.util.regex.Matcher ends = SENTENCE_END.matcher(text);
		int start = 0;
		while (ends.find()) {
			parts.add(text.substring(start, ends.end()));
			start = ends.end();
		}
		parts.add(text.substring(start));
		parts.removeIf(String::isBlank);
		if (parts.size() < 2) {
			return false;
		}
		for (String part : parts) {
			if (!QUESTION_CUE.matcher(part).find()) {
				continue;
			}
			List<TemplateMatcher.Candidate> ranked = this.matcher.rankByWords(part, language, 1);
			if (!ranked.isEmpty() && !ranked.get(0).template().id().equals(best.id())
					&& ranked.get(0).score() >= SECOND_QUESTION_AT) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Repeated exclamation marks, or three words in capitals (not acronyms such as SEPA
	 * or GDPR).
	 */
	private static boolean shouting(String text) {
		return text.contains("!!") || text.contains("！！") || SHOUTING.matcher(text).results().count() >= 3;
	}

	/**
	 * Whether the plain text holds one of the plain words (a Latin word from its start).
	 */
	private static boolean containsAny(String plain, List<String> words) {
		for (String w : words) {
			int i = plain.indexOf(w);
			while (i >= 0) {
				boolean latin = w.chars().allMatch((c) -> c < 0x2E80);
				boolean startOk = !latin || i == 0 || !Character.isLetterOrDigit(plain.charAt(i - 1));
				if (startOk) {
					return true;
				}
				i = plain.indexOf(w, i + 1);
			}
		}
		return false;
	}

	/** Lower case, accents taken off, typographic apostrophes made plain. */
	static String plain(String text) {
		String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
		return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
	}

	private static Map<String, List<String>> plainWords(Map<String, List<String>> words) {
		Map<String, List<String>> plain = new java.util.HashMap<>();
		words.forEach((language, list) -> plain.put(language, list.stream().map(AutoAnswerGuard::plain).toList()));
		return Map.copyOf(plain);
	}

}
