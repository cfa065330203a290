import ServiceLifecycle

/// swift-service-lifecycle's Service (QuayCore has a `Service` too: a public service citizens queue for).
typealias LifecycleService = ServiceLifecycle.Service
