extension Store {
    /// Everything in the store, read in one transaction.
    public func snapshot() throws(StoreError) -> ClusterSnapshot {
        try read { () throws(StoreError) in
            ClusterSnapshot(
                generation: try generation(), settings: try loadSettings(),
                nodes: try loadNodes(), pools: try loadPools(), peers: try loadPeers(),
                containers: try loadContainers(), allocations: try loadAllocations(),
                listenRanges: try loadListenRanges())
        }
    }
}
