import Foundation

extension FleetConfig {
    /// The traffic link: the supervisor's PUB, the generator's SUB (`ipc://<data_dir>/traffic.sock`).
    public var trafficEndpoint: ControlEndpointAddress {
        .ipc(path: (fleet.dataDir as NSString).appendingPathComponent("traffic.sock"))
    }

    /// `status` with the `zone` and `version` of its instance (`topology:`), by position, and
    /// its owner of the classroom roster.
    public func labelled(_ statuses: [InstanceStatus]) -> [InstanceStatus] {
        statuses.enumerated().map { index, status in
            var status = status
            status.zone = zone(ordinal: index + 1)
            status.version = version(ordinal: index + 1)
            status.owner = owner(ofInstance: status.id)
            return status
        }
    }
}
