//! The names of widely read news publishers, by the domain they publish on.
//!
//! A domain's letters rarely say how its owner writes its name (`nytimes` is "The New York
//! Times", `aljazeera` is "Al Jazeera", `scmp` is "South China Morning Post"), and an article's
//! text often never prints it. For the publishers analysts cite most, this table gives the
//! name as the publisher writes it; every other site is named from its own text or its
//! domain ([`super::address::site_name`]). Keys are registrable domains, without `www.`.

/// Domain → the publisher's name.
const PUBLISHERS: &[(&str, &str)] = &[
    ("abc.net.au", "ABC News"),
    ("abcnews.go.com", "ABC News"),
    ("afp.com", "AFP"),
    ("aljazeera.com", "Al Jazeera"),
    ("aljazeera.net", "Al Jazeera"),
    ("alarabiya.net", "Al Arabiya"),
    ("al-monitor.com", "Al-Monitor"),
    ("apnews.com", "Associated Press"),
    ("arabnews.com", "Arab News"),
    ("asahi.com", "The Asahi Shimbun"),
    ("axios.com", "Axios"),
    ("bbc.co.uk", "BBC"),
    ("bbc.com", "BBC"),
    ("bloomberg.com", "Bloomberg"),
    ("breakingdefense.com", "Breaking Defense"),
    ("brookings.edu", "Brookings"),
    ("businessinsider.com", "Business Insider"),
    ("business-standard.com", "Business Standard"),
    ("cbc.ca", "CBC News"),
    ("cbsnews.com", "CBS News"),
    ("cfr.org", "Council on Foreign Relations"),
    ("channelnewsasia.com", "CNA"),
    ("chinadaily.com.cn", "China Daily"),
    ("cnbc.com", "CNBC"),
    ("cnn.com", "CNN"),
    ("csis.org", "CSIS"),
    ("dawn.com", "Dawn"),
    ("defensenews.com", "Defense News"),
    ("dw.com", "DW"),
    ("economist.com", "The Economist"),
    ("euronews.com", "Euronews"),
    ("foreignaffairs.com", "Foreign Affairs"),
    ("foreignpolicy.com", "Foreign Policy"),
    ("france24.com", "France 24"),
    ("ft.com", "Financial Times"),
    ("globaltimes.cn", "Global Times"),
    ("hindustantimes.com", "Hindustan Times"),
    ("independent.co.uk", "The Independent"),
    ("indianexpress.com", "The Indian Express"),
    ("japantimes.co.jp", "The Japan Times"),
    ("jpost.com", "The Jerusalem Post"),
    ("kyivindependent.com", "The Kyiv Independent"),
    ("latimes.com", "Los Angeles Times"),
    ("lemonde.fr", "Le Monde"),
    ("msn.com", "MSN"),
    ("nbcnews.com", "NBC News"),
    ("ndtv.com", "NDTV"),
    ("news.sky.com", "Sky News"),
    ("newsweek.com", "Newsweek"),
    ("nikkei.com", "Nikkei"),
    ("asia.nikkei.com", "Nikkei Asia"),
    ("npr.org", "NPR"),
    ("nytimes.com", "The New York Times"),
    ("nypost.com", "New York Post"),
    ("politico.com", "Politico"),
    ("politico.eu", "Politico Europe"),
    ("reuters.com", "Reuters"),
    ("rferl.org", "Radio Free Europe/Radio Liberty"),
    ("rt.com", "RT"),
    ("scmp.com", "South China Morning Post"),
    ("skynews.com.au", "Sky News Australia"),
    ("smh.com.au", "The Sydney Morning Herald"),
    ("straitstimes.com", "The Straits Times"),
    ("telegraph.co.uk", "The Telegraph"),
    ("theatlantic.com", "The Atlantic"),
    ("thediplomat.com", "The Diplomat"),
    ("theglobeandmail.com", "The Globe and Mail"),
    ("theguardian.com", "The Guardian"),
    ("thehill.com", "The Hill"),
    ("thehindu.com", "The Hindu"),
    ("thetimes.co.uk", "The Times"),
    ("timesofindia.indiatimes.com", "The Times of India"),
    ("timesofisrael.com", "The Times of Israel"),
    ("usatoday.com", "USA Today"),
    ("voanews.com", "Voice of America"),
    ("vox.com", "Vox"),
    ("washingtonpost.com", "The Washington Post"),
    ("wsj.com", "The Wall Street Journal"),
    ("xinhuanet.com", "Xinhua"),
    ("news.cn", "Xinhua"),
    ("yna.co.kr", "Yonhap"),
    ("en.yna.co.kr", "Yonhap"),
    ("koreaherald.com", "The Korea Herald"),
    ("koreatimes.co.kr", "The Korea Times"),
    ("nknews.org", "NK News"),
    ("tass.com", "TASS"),
    ("themoscowtimes.com", "The Moscow Times"),
    ("meduza.io", "Meduza"),
    ("haaretz.com", "Haaretz"),
    ("thenationalnews.com", "The National"),
    ("gulfnews.com", "Gulf News"),
    ("khaleejtimes.com", "Khaleej Times"),
    ("middleeasteye.net", "Middle East Eye"),
    ("irishtimes.com", "The Irish Times"),
    ("dailymail.co.uk", "Daily Mail"),
    ("express.co.uk", "Daily Express"),
    ("mirror.co.uk", "Daily Mirror"),
    ("thesun.co.uk", "The Sun"),
    ("spiegel.de", "Der Spiegel"),
    ("lefigaro.fr", "Le Figaro"),
    ("elpais.com", "El País"),
    ("theconversation.com", "The Conversation"),
    ("warontherocks.com", "War on the Rocks"),
    ("38north.org", "38 North"),
    ("rand.org", "RAND"),
    ("chathamhouse.org", "Chatham House"),
    ("iiss.org", "IISS"),
    (
        "carnegieendowment.org",
        "Carnegie Endowment for International Peace",
    ),
    ("atlanticcouncil.org", "Atlantic Council"),
    ("lowyinstitute.org", "Lowy Institute"),
    ("aspistrategist.org.au", "The Strategist"),
    ("eurasiareview.com", "Eurasia Review"),
    ("e-ir.info", "E-International Relations"),
    ("yahoo.com", "Yahoo News"),
    ("news.yahoo.com", "Yahoo News"),
    ("foxnews.com", "Fox News"),
    ("forbes.com", "Forbes"),
    ("time.com", "Time"),
    ("thedailybeast.com", "The Daily Beast"),
    ("nationalinterest.org", "The National Interest"),
    ("pbs.org", "PBS"),
    ("aa.com.tr", "Anadolu Agency"),
    ("trtworld.com", "TRT World"),
    ("dailysabah.com", "Daily Sabah"),
    ("tribune.com.pk", "The Express Tribune"),
    ("thestar.com.my", "The Star"),
    ("inquirer.net", "Philippine Daily Inquirer"),
    ("rappler.com", "Rappler"),
    ("bangkokpost.com", "Bangkok Post"),
    ("taipeitimes.com", "Taipei Times"),
    ("focustaiwan.tw", "Focus Taiwan"),
    ("mainichi.jp", "The Mainichi"),
    ("kyodonews.net", "Kyodo News"),
    ("nhk.or.jp", "NHK"),
    ("allafrica.com", "AllAfrica"),
    ("news24.com", "News24"),
    ("theeastafrican.co.ke", "The EastAfrican"),
    ("nation.africa", "Nation"),
    ("premiumtimesng.com", "Premium Times"),
    ("punchng.com", "Punch"),
];

/// The name of the publisher at `host` (or at a domain `host` is under), if it is one of the
/// table's.
pub(crate) fn known_publisher(host: &str) -> Option<&'static str> {
    let host = host.trim_start_matches("www.").trim_end_matches('.');
    let mut candidate = host;
    loop {
        if let Some((_, name)) = PUBLISHERS.iter().find(|(domain, _)| *domain == candidate) {
            return Some(name);
        }
        let (_, parent) = candidate.split_once('.')?;
        if !parent.contains('.') {
            return None;
        }
        candidate = parent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_publishers_by_their_domains_and_subdomains() {
        let cases = [
            ("www.nytimes.com", Some("The New York Times")),
            ("english.aljazeera.net", Some("Al Jazeera")),
            ("edition.cnn.com", Some("CNN")),
            ("asia.nikkei.com", Some("Nikkei Asia")),
            ("www.bbc.co.uk", Some("BBC")),
            ("example.co.uk", None),
            ("com", None),
        ];
        for (host, name) in cases {
            assert_eq!(known_publisher(host), name, "{host}");
        }
    }

    #[test]
    fn lists_each_domain_once() {
        let mut domains: Vec<&str> = PUBLISHERS.iter().map(|(d, _)| *d).collect();
        domains.sort_unstable();
        let before = domains.len();
        domains.dedup();
        assert_eq!(domains.len(), before);
    }
}
