/// The SQL layout of a Brindle store, version 5, and the scripts that build it.
///
/// IPv4 addresses are 32-bit numbers in host order; a prefix is its network address and
/// length. `allocations.address` is the table's integer key, so the addresses of a pool
/// are one range scan in order and two writers can never hold the same address.
///
/// IPv6 pools and allocations live in tables of their own, `pools6` and `allocations6`,
/// of the same shape, an IPv6 address being its 32 lowercase hex digits: text of one
/// width sorts as the numbers do, so the same key and range scan work for both families
/// and IPv4 rows never needed rewriting. A node's IPv6 address is such text too.
///
/// A fresh store runs every script in turn, exactly as an old store is upgraded, so a
/// migrated file and a new one have the same tables.
enum Schema {
    /// `PRAGMA application_id` of a Brindle store: "Brnd" in ASCII.
    static let applicationID: Int32 = 0x4272_6E64

    /// The scripts oldest first: script `n` turns a version-`n` store into version
    /// `n + 1`, and script 0 creates version 1 in an empty file.
    static let scripts = [
        createVersion1, addRouteReflection, addPrefixLimits, addIPv6, addExportScope,
    ]

    /// `PRAGMA user_version` of the current layout: one per script.
    static let version = Int32(scripts.count)

    /// Creates the tables and the single rows of a version-1 store.
    static let createVersion1 = """
        CREATE TABLE generation (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            value INTEGER NOT NULL);
        INSERT INTO generation VALUES (1, 0);
        CREATE TABLE settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            as_number INTEGER NOT NULL,
            node_mesh INTEGER NOT NULL);
        INSERT INTO settings VALUES (1, 64511, 1);
        CREATE TABLE nodes (
            name TEXT PRIMARY KEY,
            address INTEGER NOT NULL UNIQUE,
            as_number INTEGER);
        CREATE TABLE pools (
            address INTEGER NOT NULL,
            length INTEGER NOT NULL,
            ipip INTEGER NOT NULL,
            nat_outgoing INTEGER NOT NULL,
            disabled INTEGER NOT NULL,
            PRIMARY KEY (address, length));
        CREATE TABLE peers (
            address INTEGER NOT NULL,
            as_number INTEGER NOT NULL,
            node TEXT REFERENCES nodes (name),
            passive INTEGER NOT NULL DEFAULT 0);
        CREATE UNIQUE INDEX peers_scope ON peers (address, ifnull(node, ''));
        CREATE TABLE containers (
            name TEXT PRIMARY KEY,
            node TEXT NOT NULL REFERENCES nodes (name),
            netns TEXT NOT NULL,
            host_interface TEXT NOT NULL UNIQUE);
        CREATE TABLE allocations (
            address INTEGER PRIMARY KEY,
            container TEXT NOT NULL REFERENCES containers (name) ON DELETE CASCADE,
            pool_address INTEGER NOT NULL,
            pool_length INTEGER NOT NULL,
            FOREIGN KEY (pool_address, pool_length) REFERENCES pools (address, length));
        CREATE INDEX allocations_container ON allocations (container);
        CREATE INDEX allocations_pool ON allocations (pool_address, pool_length);
        """

    /// Version 2: route reflection (RFC 4456) on nodes, where a NULL cluster id means the
    /// node's router id, and the listen ranges that dynamic neighbours connect from.
    static let addRouteReflection = """
        ALTER TABLE nodes ADD COLUMN route_reflector INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE nodes ADD COLUMN cluster_id INTEGER;
        CREATE TABLE listen_ranges (
            address INTEGER NOT NULL,
            length INTEGER NOT NULL,
            as_number INTEGER NOT NULL,
            peer_limit INTEGER,
            PRIMARY KEY (address, length));
        """

    /// Version 3: a peer's prefix limit (RFC 4271 §8.1.2, AutomaticStop; RFC 4486 §4) and
    /// the seconds it stays down after breaking it, NULL meaning no limit and no restart.
    static let addPrefixLimits = """
        ALTER TABLE peers ADD COLUMN max_prefixes INTEGER;
        ALTER TABLE peers ADD COLUMN max_prefix_restart INTEGER;
        """

    /// Version 4: IPv6 pools and allocations (never IP-in-IP, which carries IPv4 only),
    /// and a node's IPv6 address, unique among the nodes that have one.
    static let addIPv6 = """
        ALTER TABLE nodes ADD COLUMN ipv6_address TEXT;
        CREATE UNIQUE INDEX nodes_ipv6_address ON nodes (ipv6_address);
        CREATE TABLE pools6 (
            address TEXT NOT NULL,
            length INTEGER NOT NULL,
            ipip INTEGER NOT NULL CHECK (ipip = 0),
            nat_outgoing INTEGER NOT NULL,
            disabled INTEGER NOT NULL,
            PRIMARY KEY (address, length));
        CREATE TABLE allocations6 (
            address TEXT PRIMARY KEY,
            container TEXT NOT NULL REFERENCES containers (name) ON DELETE CASCADE,
            pool_address TEXT NOT NULL,
            pool_length INTEGER NOT NULL,
            FOREIGN KEY (pool_address, pool_length) REFERENCES pools6 (address, length))
            WITHOUT ROWID;
        CREATE INDEX allocations6_container ON allocations6 (container);
        CREATE INDEX allocations6_pool ON allocations6 (pool_address, pool_length);
        """

    /// Version 5: which routes a peer is sent, `pools` (the only choice before) or `all`.
    static let addExportScope = """
        ALTER TABLE peers ADD COLUMN export TEXT NOT NULL DEFAULT 'pools'
            CHECK (export IN ('pools', 'all'));
        """
}
