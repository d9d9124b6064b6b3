//! Who the client is on the network: the socket peer, or behind a configured trusted reverse proxy
//! the address that proxy saw; and the key failed logins and bans are counted under.

use std::net::IpAddr;

use ipnet::IpNet;

/// The client's address for this request, put into the request's extensions by the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The reverse proxies whose `X-Forwarded-For` is believed (`server.trusted_proxies`).
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses CIDRs (`10.0.0.0/8`, `fd00::/8`) or single addresses; names the first bad entry.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, String> {
        entries
            .iter()
            .map(|entry| {
                let entry = entry.as_ref().trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("{entry:?} is neither an address nor a CIDR block"))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request from `peer` carrying these `X-Forwarded-For` header values. Only a
    /// trusted peer's header counts; from it, the right-most address that is not itself a trusted
    /// proxy (everything left of that could have been written by the client).
    pub fn client<'a>(&self, peer: IpAddr, forwarded_for: impl Iterator<Item = &'a str>) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let hops: Vec<&str> = forwarded_for.flat_map(|v| v.split(',')).collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop) else {
                // A garbled hop: nothing to its left can be trusted, so stop at the last good one.
                return client;
            };
            client = canonical(ip);
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, or as some proxies write it, with a port
/// (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            hop.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .and_then(|h| h.parse().ok())
        })
}

/// IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) count as the IPv4 address they carry.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// What failed logins and bans are counted under: an IPv4 address as it is, an IPv6 address by its
/// /64 network, since one client is usually given a whole /64 and could rotate through it.
pub fn ban_key(ip: &str) -> String {
    match ip.parse::<IpAddr>().map(canonical) {
        Ok(IpAddr::V6(v6)) => IpNet::new(IpAddr::V6(v6), 64)
            .map(|net| net.trunc().to_string())
            .unwrap_or_else(|_| ip.to_owned()),
        Ok(v4) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(list).unwrap()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("203.0.113.9"), ["10.9.9.9"].into_iter()),
            ip("203.0.113.9")
        );
        let some = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            some.client(ip("203.0.113.9"), ["1.2.3.4"].into_iter()),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
        let p = proxies(&["10.0.0.0/8", "192.168.1.1"]);
        // The client wrote "6.6.6.6" itself; the first proxy appended the real peer, the second
        // proxy appended the first.
        let header = "6.6.6.6, 198.51.100.7, 10.1.1.1";
        assert_eq!(
            p.client(ip("192.168.1.1"), [header].into_iter()),
            ip("198.51.100.7")
        );
        // Several header lines read as one list.
        assert_eq!(
            p.client(ip("10.0.0.2"), ["6.6.6.6", "198.51.100.8"].into_iter()),
            ip("198.51.100.8")
        );
    }

    #[test]
    fn a_trusted_proxy_without_a_header_is_itself_the_client() {
        let p = proxies(&["10.0.0.0/8"]);
        assert_eq!(p.client(ip("10.0.0.2"), std::iter::empty()), ip("10.0.0.2"));
    }

    #[test]
    fn hops_with_ports_are_read() {
        let p = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            p.client(ip("10.0.0.2"), ["198.51.100.7:4711"].into_iter()),
            ip("198.51.100.7")
        );
        assert_eq!(
            p.client(ip("10.0.0.2"), ["[2001:db8::5]:4711"].into_iter()),
            ip("2001:db8::5")
        );
    }

    #[test]
    fn a_garbled_hop_stops_the_walk() {
        let p = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            p.client(ip("10.0.0.2"), ["6.6.6.6, not-an-ip, 10.0.0.3"].into_iter()),
            ip("10.0.0.3")
        );
    }

    #[test]
    fn bad_entries_are_named() {
        let err = TrustedProxies::parse(&["10.0.0.0/8", "proxy.example"]).unwrap_err();
        assert!(err.contains("proxy.example"), "{err}");
        assert!(TrustedProxies::parse(&["10.0.0.0/33"]).is_err());
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(ban_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(
            ban_key("2001:db8:1:2:bbbb::9"),
            ban_key("2001:db8:1:2:aaaa::1")
        );
        assert_ne!(ban_key("2001:db8:1:3::1"), ban_key("2001:db8:1:2::1"));
        assert_eq!(ban_key("198.51.100.7"), "198.51.100.7");
        assert_eq!(ban_key("::ffff:198.51.100.7"), "198.51.100.7");
    }
}
