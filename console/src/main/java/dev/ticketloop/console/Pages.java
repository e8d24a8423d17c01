package dev.ticketloop.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The console's pages: static HTML from the jar, its data read by the page from
 * {@code /api/...}. Who may open each is {@link ConsoleSecurity}'s; the start page is the
 * first page the person may open.
 */
@Controller
class Pages {

	@GetMapping("/")
	String start(@AuthenticationPrincipal ConsoleUser user) {
		return user.pages().stream().findFirst().map((p) -> "redirect:" + p.path()).orElse("forward:/forbidden.html");
	}

	@GetMapping("/sign-in")
	String signIn() {
		return "forward:/sign-in.html";
	}

	@GetMapping("/queue")
	String queue() {
		return "forward:/queue.html";
	}

	@GetMapping("/status")
	String status() {
		return "forward:/status.html";
	}

	@GetMapping("/reports")
	String reports() {
		return "forward:/reports.html";
	}

	@GetMapping("/operations")
	String operations() {
		return "forward:/operations.html";
	}

	@GetMapping("/issues")
	String issues() {
		return "forward:/issues.html";
	}

	@GetMapping("/issues/{key}")
	String issue(@PathVariable String key) {
		return "forward:/issue.html";
	}

	@GetMapping("/tickets/{id}")
	String ticket(@PathVariable String id) {
		return "forward:/ticket.html";
	}

}
