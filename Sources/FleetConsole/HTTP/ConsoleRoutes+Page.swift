import FleetModel
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `/` (the sign-in form, or the console), its script and style, sign-in and sign-out, and
    /// `/api/me`.
    func addPageRoutes(to router: Router<ConsoleRequestContext>) {
        router.get("/") { request, _ in
            guard let id = request.cookies[Self.cookieName]?.value, self.sessions.session(id: id) != nil else {
                return ConsoleResponse.text(SignInPage.html(fleet: self.options.config.fleet.name, problem: nil), type: "text/html; charset=utf-8")
            }
            return ConsoleResponse.text(ConsolePage.html(fleet: self.options.config.fleet.name), type: "text/html; charset=utf-8")
        }
        router.get("/console.js") { _, _ in
            ConsoleResponse.text(ConsoleScript.source, type: "text/javascript; charset=utf-8")
        }
        router.get("/console.css") { _, _ in
            ConsoleResponse.text(ConsoleStyle.source, type: "text/css; charset=utf-8")
        }
        router.post("/signin") { request, context in
            try await self.signIn(request, context)
        }
        router.post("/signout") { request, context in
            let session = try self.authorize(request, context, requiring: .anyone)
            self.sessions.close(id: session.id)
            var response = ConsoleResponse.json(["signedOut": true])
            response.setCookie(Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("/api/me") { request, context in
            let session = try self.authorize(request, context, requiring: .anyone)
            let instance = session.role.ownInstance
            return ConsoleResponse.json(ConsoleAPI.Me(
                role: instance == nil ? "instructor" : "student",
                name: session.role.displayName, instance: instance, csrf: session.csrfToken,
                fleet: self.options.config.fleet.name,
                studentsControlTheirInstance: self.options.studentsControlTheirInstance,
                prometheusPort: self.options.prometheusPort,
                scenarios: ScenarioAliasList.all,
                exercises: LabGuide.exercises.map { $0.rendered(instance: instance) }))
        }
    }

    /// The form's `token`, checked; a session and its cookie on success, the form again with a
    /// message (401) on failure, 429 after too many failures from one address.
    private func signIn(_ request: Request, _ context: ConsoleRequestContext) async throws -> Response {
        let fleetName = options.config.fleet.name
        let source = context.sourceKey
        guard !throttle.withLock({ $0.isBlocked(source, at: .now) }) else {
            return ConsoleResponse.text(
                SignInPage.html(fleet: fleetName, problem: "Too many wrong tokens; wait a minute."),
                type: "text/html; charset=utf-8", status: .tooManyRequests)
        }
        // A form larger than a token needs, or not a form, is a wrong token like any other.
        let body = (try? await request.body.collect(upTo: 1_024)).map { String(buffer: $0) } ?? ""
        let form = try? URLEncodedFormDecoder().decode(ConsoleAPI.SignInForm.self, from: body)
        let token = form?.token.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !token.isEmpty, let role = signIn.role(forToken: token) else {
            throttle.withLock { $0.recordFailure(of: source, at: .now) }
            return ConsoleResponse.text(
                SignInPage.html(fleet: fleetName, problem: "That token is not one of this class's."),
                type: "text/html; charset=utf-8", status: .unauthorized)
        }
        let session = sessions.open(role)
        var response = ConsoleResponse.redirect(to: "/")
        response.setCookie(Cookie(name: Self.cookieName, value: session.id, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }
}

/// Every scenario with its failure mode, for the page's menus.
enum ScenarioAliasList {
    static let all = ScenarioAlias.allCases.map { ConsoleAPI.Scenario(alias: $0.rawValue, failureMode: $0.failureMode) }
}
