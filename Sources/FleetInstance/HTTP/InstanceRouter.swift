import Hummingbird

/// Builds the instance's router: the workshop service's API plus `/metrics` and the documents.
public enum InstanceRouter {
    /// Metrics outermost (they record what the client really got), then FastAPI-shaped errors.
    public static func build<Context: RequestContext>(runtime: InstanceRuntime, context: Context.Type = BasicRequestContext.self) -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: HTTPMetricsMiddleware(metrics: runtime.metrics))
        router.add(middleware: ErrorResponseMiddleware())
        ShowcaseRoutes<Context>(runtime: runtime).register(on: router)
        ScenarioRoutes<Context>(runtime: runtime).register(on: router)
        DocumentRoutes<Context>(runtime: runtime).register(on: router)
        return router
    }
}
