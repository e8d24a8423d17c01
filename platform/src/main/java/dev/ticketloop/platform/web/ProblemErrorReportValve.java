package dev.ticketloop.platform.web;

import java.io.IOException;

import org.apache.catalina.Container;
import org.apache.catalina.Engine;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * The servlet container's own error answers (a request refused before it reaches the
 * application: characters a request target may not hold, an encoded {@code /}, a NUL) as
 * problem+json instead of Tomcat's HTML page. Errors the application handles never get
 * here: they are written by the controller advice.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	static final String MALFORMED_DETAIL = "The request is not valid HTTP: its path or query holds a character that "
			+ "must be percent-encoded (such as [ ] { } | or a space), or an encoded '/', '\\' or NUL, which are refused.";

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		// the connection may be in a state where nothing can be written any more
		if (response.getCoyoteResponse().isCommitted()) {
			return;
		}
		org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String detail = (status == 400) ? MALFORMED_DETAIL : (status >= 500)
				? "Something went wrong on our side; nothing was changed by this request." : title + ".";
		String type = (status == 400) ? Problems.TYPE_BASE + "malformed-request" : Problems.typeFor(status).toString();
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			var writer = response.getReporter();
			if (writer != null) {
				writer.write(Problems.json(status, title, type, detail, null));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone: nothing to tell it
			response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, ex);
		}
	}

	/**
	 * Installs {@link ProblemErrorReportValve} on every host of the engine it is added
	 * to, before the hosts start (a host adds Tomcat's HTML one at start unless its error
	 * report valve is already there).
	 */
	public static final class Installer extends ValveBase {

		public Installer() {
			super(true);
		}

		@Override
		public void setContainer(Container container) {
			super.setContainer(container);
			if (container instanceof Engine engine) {
				for (Container child : engine.findChildren()) {
					if (child instanceof StandardHost host) {
						host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					}
				}
			}
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, jakarta.servlet.ServletException {
			getNext().invoke(request, response);
		}

	}

}
