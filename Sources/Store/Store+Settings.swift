extension Store {
    /// The cluster settings.
    public func settings() throws(StoreError) -> Settings {
        try loadSettings()
    }

    /// Turns the iBGP full mesh between nodes on or off.
    public func setNodeMesh(_ enabled: Bool) throws(StoreError) {
        try write { () throws(StoreError) in
            try database.run("UPDATE settings SET node_mesh = ?1", [.bool(enabled)])
        }
    }

    /// Sets the AS number of every node without one of its own.
    ///
    /// - Throws: `StoreError.reservedASNumber` for AS 0 (RFC 7607).
    public func setDefaultNodeAS(_ asNumber: UInt32) throws(StoreError) {
        try Self.checkASNumber(asNumber)
        try write { () throws(StoreError) in
            try database.run("UPDATE settings SET as_number = ?1", [.int(asNumber)])
        }
    }

    /// The settings row, read inside the caller's transaction.
    func loadSettings() throws(StoreError) -> Settings {
        guard let row = try database.rows("SELECT as_number, node_mesh FROM settings").first
        else { return .defaults }
        return Settings(asNumber: row.uint32(0), nodeMesh: row.bool(1))
    }
}
