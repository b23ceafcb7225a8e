"""The threat actor (a person's handle, a group, a ransomware gang) and the venue where the data is offered.

Known actors and venues come from knowledge/actors.yaml and venues.yaml (with their aliases: "Sodinokibi" is
REvil, "Breach Forums" is BreachForums). Unknown handles are read from how people introduce them: "a threat
actor known as X", "un individu se faisant appeler X", "X, a hacktivist collective", "the group claiming
responsibility is X", "a seller using the username 'X'", "We, X, have breached", "the "X" ransomware gang",
"l'auteur, qui signe « X »", "publiée sur Telegram par le groupe X", forum labels ("Seller:", "Posted by:",
"Jabber :") and the signature that closes a post ("PM me. — x_y", "Enjoy. - X" above a "Download:" line,
"Team X" on the last line). Researchers, reporters ("a report by the outlet X") and whoever a post credits as
its source are never the actor, nor is the poster's "me" ("leaked by me").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from breachlens import knowledge
from breachlens.extract.context import Context
from breachlens.extract.lexicon import Matcher, cue, cue_terms, folded_terms
from breachlens.extract.text import fold
from breachlens.model import Evidence

__all__ = ["ActorFinding", "extract_actor", "extract_venue", "known_actor"]

_NAME = r"(?P<name>[A-Za-zÀ-ÿ0-9_$@.\-]{2,32}(?:[ ](?:[A-Z0-9][\w$.\-]*|de|of|the)){0,3})"
_QUOTED = r"[\"'“”«»‘’]\s*(?P<q>[^\"'“”«»‘’\n]{2,40}?)\s*[\"'“”«»‘’]"
# a handle: one token of letters, digits, "_", "." or "-"
_HANDLE = r"[A-Za-z0-9_][A-Za-z0-9_.\-]{1,30}[A-Za-z0-9_]"
# a token that can only be a handle: it holds a digit or "_", or a capital inside ("CuervoNegro", "ZeroCool88")
_HANDLE_SHAPED = (r"(?=[A-Za-z0-9_.\-]*(?:[0-9_]|[a-z][A-Z]))(?![0-9.,]+\b)[A-Za-z0-9_][A-Za-z0-9_.\-]{1,30}"
                  r"[A-Za-z0-9_]")
_ACTOR_NOUN = (r"(?:threat actors?|actors?|hackers?|hacking group|hacker group|groups?|gang|crew|collective|team|"
               r"sellers?|vendors?|users?|members?|posters?|individuals?|cybercriminals?|attackers?|operators?|"
               r"persons?|someone|somebody|account|brokers?|pirates?|individu|internaute|auteur|"
               r"vendeur|utilisateur|groupe|collectif|courtier|"
               r"acteurs? malveillants?|acteur|"
               r"cybercriminel|attaquant|personne|usuario|vendedor|grupo|Gruppe|Nutzer|Verkäufer|Hacker|"
               r"(?i:пользователь|продавец|хакер|группа|группировка))")
_INTRO = (r"(?:known as|named|called|dubbed|alias|aka|a\.k\.a\.|going by(?: the name)?|goes by(?: the name)?|"
          r"under the (?:alias|name|handle|moniker|username|pseudonym)|using the (?:name|handle|alias|username|"
          r"moniker|nickname|pseudonym)|(?:who )?uses? the (?:name|handle|alias|username|moniker|nickname|pseudonym)|"
          r"with the (?:handle|username|alias|moniker)|calling (?:himself|herself|"
          r"themselves|itself)|who calls (?:himself|herself|themselves|itself)|who signs(?: as)?|signing as|"
          r"se faisant appeler|se fait appeler|qui signe|signant|"
          r"surnomm[ée]e?|sous le (?:pseudonyme|pseudo|nom de)|connue? sous le nom de|"
          r"qui se pr[ée]sente sous le nom de|nomm[ée]e?|appel[ée]e?|baptis[ée]e?|mit dem Namen|namens|llamado|"
          r"denominado|под ником|известный как|"
          r"se pr[ée]sentant sous le nom de|apodado|conocido como|que se hace llamar|bekannt als|genannt)")
_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    # "a threat actor known as X", "un individu se faisant appeler X"
    (re.compile(_ACTOR_NOUN + r"\b[^.;\n]{0,40}?\b" + _INTRO + r"\s+(?:" + _QUOTED + r"|" + _NAME + r")"), 3.0),
    # "X, a hacktivist collective", "X, a threat actor"
    (re.compile(r"(?P<name>[A-Z][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,3}),\s+(?:a|an|the|le|la|un|une)\s+"
                r"(?:[\w-]+\s+){0,2}(?:threat actor|hacker|hacktivist|cybercriminal|ransomware|extortion|"
                r"hacking|pirate)"), 3.0),
    # "the hacktivist group Chronus Group", "ransomware gang LockBit", "le groupe malaisien "DragonForce""
    (re.compile(r"(?i:hacktivist|hacker|hacking|threat|ransomware|extortion|cybercriminal|cybercrime|data extortion)"
                r"\s+(?i:group|gang|collective|crew|team|actor|operation|outfit)\s+(?:called\s+|named\s+)?"
                r"(?:" + _QUOTED + r"|" + r"(?P<name2>[A-Z][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,2}))"), 2.5),
    # "le groupe « NoName »", "the group 'CyberVolk'": a group word, then a quoted name
    (re.compile(r"\b(?i:le|du|au|the) (?i:groupe|collectif|gang|group|collective|crew)\s+(?:de \w+\s+|[\w-]+\s+)?"
                + _QUOTED), 2.5),
    # "le groupe de pirates Nuit Blanche", "el grupo de hackers Tlaloc": the kind of group, then its name
    (re.compile(r"\b(?i:groupe|collectif|grupo|colectivo)\s+(?i:de pirates|de hackers|de cybercriminels|"
                r"cybercriminel|hacktiviste|de ran[çc]ongiciel|de ransomware|de hackers informáticos|"
                r"de ciberdelincuentes)\s+(?:" + _QUOTED + r"|(?P<name2>[A-Z][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,2}))"),
     2.5),
    # "the group claiming responsibility is X", "the gang that seems responsible is X"
    (re.compile(r"(?:responsibility|responsible|behind (?:it|the (?:attack|breach|hack|leak)))\s+(?:is|was|are)\s+"
                r"(?:the\s+)?(?P<name>[A-Z][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,2})"), 3.0),
    # "X claimed responsibility", "X has claimed the attack"
    (re.compile(r"(?P<name>[A-Z][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,2})\s+(?:has |have |had )?"
                r"(?:claimed|claims|took|revendiqu[ée]) (?:responsibility|credit|the (?:attack|breach|hack))"), 2.5),
    # "par Lockbit, le groupe de hackers responsable"
    (re.compile(r"\bpar (?P<name>[A-Z][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,2}),\s+(?:le|un) groupe"), 2.5),
    # "posted by X", "a seller using the username "Sanixer"" (quoted names after user words)
    (re.compile(r"(?i:(?:posted|listed|shared|published|leaked|offered|advertised|uploaded) by|post[ée]e?s? par|"
                r"publi[ée]e?s? par|mise? en ligne par|publicad[oa]s? por|gepostet von|ver[öo]ffentlicht von) "
                r"(?:the )?(?:user |"
                r"threat actor |actor |hacker |member )?" + r"(?:" + _QUOTED + r"|(?P<name3>[A-Za-z0-9_.\-]{3,24}))"
                r"(?=[\s,.;)]|$)"), 2.0),
    # a user word then the handle: "user 'hollowfang'", "threat actor "ZeroCool88"", "DM seller n1ghtcrawler"
    (re.compile(r"(?<![\w-])(?i:threat actor|actor|user|member|seller|vendor|poster|hacker|utilisateur|membre|vendeur|"
                r"acteur|pirate|usuario|vendedor|miembro|nutzer|verk[äa]ufer|пользователь|продавец)(?:[ \t]*[:：,])?\s+"
                r"(?:" + _QUOTED + r"|@?(?P<name3>" + _HANDLE_SHAPED + r")(?=[\s,.;)|:]|$))"), 3.0),
    # "by @d3adpix3l", "Contact @pennywise_cc": a handle on a social platform
    (re.compile(r"(?<![\w.@])@(?P<name3>[A-Za-z0-9_][A-Za-z0-9_.]{1,31}[A-Za-z0-9_])"), 1.5),
    # "die Gruppe Schattenwolf", "the hacker group's rival ..." (German nouns: a capitalised name after Gruppe)
    (re.compile(r"\b(?:[Hh]acker)?[Gg]ruppe\s+(?P<name2>[A-Z][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,2})"), 2.5),
    # "Our team #CyberLegion_BR has hacked ...", "notre équipe @x": the authors name themselves by a tag
    (re.compile(r"(?i:our team|our group|our crew|we are|notre [ée]quipe|notre groupe|nous sommes)\s+[#@]"
                r"(?P<name3>[A-Za-z0-9_][A-Za-z0-9_.]{1,30}[A-Za-z0-9_])"), 2.5),
    # a leak-site entry signed by its group in brackets on the last line: "[RansomHaus]"
    (re.compile(r"\n[ \t]*\[(?!(?i:free|leaks?|selling|sale|sold|wts|wtb|dump|db|database|update|new|closed|"
                r"paid|hot|access|ransomware)\])(?P<name3>[A-Za-z][\w.\- ]{1,30}[\w])\]\s*\Z"), 2.0),
    # "sous le pseudo « Mouette »", "under the handle gh0stwire": a word that only names handles, then the handle
    (re.compile(r"(?i:under|using|with|by|sous|avec|con|bajo|unter)\s+(?i:the|a|le|l['’]|un|el|dem|den)\s*"
                r"(?i:pseudo|pseudonyme|pseudonym|handle|username|user name|nickname|nick|moniker|alias|"
                r"nom d['’]utilisateur|apodo|seud[óo]nimo|Spitznamen|Benutzernamen)\s+(?:" + _QUOTED
                + r"|@?(?P<name3>" + _HANDLE_SHAPED + r"|[A-Z][\w.\-]*[\w]|" + _HANDLE
                + r"(?=[ \t]*(?:[,.;:)]|$)))(?![\w@]))"), 3.0),
    # "We, CyberSpear Legion, have breached ...", "Nous, X, revendiquons ...": the authors name themselves
    (re.compile(r"\b(?P<we>We|WE|Nous|NOUS|Wir|Nosotros)\s*,\s+(?:(?i:the|les?|el|die)\s+)?"
                r"(?P<name>[A-Z0-9][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,3})\s*,"), 3.0),
    # "Le groupe CorbeauLock revendique ...", "the group Nightjar claimed ...": a group that claims
    (re.compile(r"\b(?i:le|du|the|el|un|a) (?i:groupe|gang|collectif|group|crew|grupo|colectivo)\s+"
                r"(?P<name2>[A-Z][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,2})(?:,?\s+(?i:qui|which|who|that|que|der|die))?"
                r"\s+(?:(?i:a|has|have|had|ha|hat)\s+)?"
                r"(?i:revendiqu\w*|claim(?:s|ed)?|reivindic\w*)\b"), 2.5),
]
# words one of which must be in the (folded) text for each pattern of _PATTERNS to be tried: most texts
# need only two or three of the eight patterns
_GATES: list[tuple[str, ...]] = [
    ("known as", "named", "called", "dubbed", "alias", "aka", "a.k.a", "going by", "goes by", "under the",
     "using the", "uses the", "use the", "with the", "calling", "calls", "appeler", "surnomm", "sous le", "connu",
     "presente",
     "apodado", "conocido", "llamar", "bekannt", "genannt", "nomm", "appel", "baptis", "namen", "llamado",
     "denominado", "ником", "известн", "sign"),
    ("threat actor", "hacker", "hacktivist", "cybercriminal", "ransomware", "extortion", "hacking", "pirate"),
    ("hacktivist", "hacker", "hacking", "threat", "ransomware", "extortion", "cybercriminal", "cybercrime"),
    ("groupe", "collectif", "gang", "group", "collective", "crew"),
    ("groupe", "collectif", "grupo", "colectivo"),
    ("responsib", "behind"),
    ("claim", "took", "revendiqu"),
    ("par ",),
    (" by ", " par ", " por ", " von "),
    ("actor", "user", "member", "seller", "vendor", "poster", "hacker", "utilisateur", "membre", "vendeur",
     "acteur", "pirate", "usuario", "vendedor", "miembro", "nutzer", "verk", "пользователь", "продавец"),
    ("@",),
    ("gruppe",),
    ("our team", "our group", "our crew", "we are", "notre", "nous sommes"),
    ("]",),
    ("pseudo", "handle", "username", "user name", "nick", "moniker", "alias", "utilisateur", "apodo", "seudonimo",
     "namen"),
    ("we", "nous", "wir", "nosotros"),
    ("revendiqu", "claim", "reivindic"),
]
_BAD_NAMES = {"the", "a", "an", "le", "la", "les", "un", "une", "it", "they", "he", "she", "this", "that",
              "himself", "herself", "themselves", "a hacker", "hacker", "user", "the user", "him", "her",
              "me", "us", "myself", "ourselves", "moi", "nous", "mi", "nosotros", "mich", "uns"}  # "leaked by me"


def _alternation(*cues: str) -> str:
    terms = sorted({t for name in cues for t in cue_terms(name)}, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms) + ")"


@cache
def _knowledge_patterns() -> list[tuple[re.Pattern[str], float, tuple[str, ...]]]:
    """Patterns whose words come from lexicon.yaml, each with its weight and gate (as in _PATTERNS)."""
    messenger = _alternation("messenger")
    return [
        # a forum label: "Seller: kr0nos_x", "Vendeur : l3_corbeau", "Contact: @rouge_gorge", "Signé : BreizhCrew"
        (re.compile(r"(?<![\w])" + _alternation("actor_label") + r"[ \t]*[:：][ \t]+@?(?P<name3>" + _HANDLE
                    + r")(?=[\s,.;)|]|$)"), 3.0, (":", "：")),
        # a chat id: "Contact TOX : mangouste_rouge", "Jabber : corsaire33@exploit.im" (the part before "@server")
        (re.compile(r"(?<![\w])(?:(?i:contact|contacts)[ \t]+(?:(?i:via|on|sur|par)[ \t]+)?)?" + messenger
                    + r"[ \t]*[:：][ \t]*@?(?P<name3>" + _HANDLE + r")(?:@[\w\-]+(?:\.[\w\-]+)+)?(?=[\s,;)|]|\.?$)"),
         3.0, (":", "：")),
        # "The NIGHTFERN ransomware gang", "the "Shadowreap" ransomware group": the name before the kind of group
        (re.compile(r"(?:\b(?P<det>(?i:the|a|an))\s+)?(?P<quote>[\"“«‘'])?(?<![\w$.\-])"
                    r"(?P<name>[A-Z0-9][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*)?)(?(quote)[\"”»’'])"
                    r"[ \t]+" + _alternation("gang_after") + r"\b"), 2.5,
         ("ransomware", "extortion", "hack", "cybercrim")),
        # "publiée sur Telegram par le groupe Dunes Noires", "claimed by the group NightMoth": what was leaked or
        # claimed, then the group that did it; "un communiqué publié par le groupe X" is a company speaking
        (re.compile(r"(?<!\w)(?:(?P<said>" + _alternation("statement") + r")(?:\s+[\w'’]+){0,3}\s+)?"
                    + _alternation("leak", "breach_event") + r"(?!\w)[^.;!?\n]{0,60}?\b(?i:by|par|por|von)\s+"
                    r"(?i:the|le|el|der|die)\s+(?i:group|gang|crew|collective|groupe|collectif|grupo|colectivo|gruppe)"
                    r"\s+(?:" + _QUOTED + r"|(?P<name2>[A-Z][\w$.\-]*(?:[ ][A-Z0-9][\w$.\-]*){0,2}))"), 2.5,
         ("group", "gang", "crew", "collecti", "grupo", "gruppe")),
    ]


@cache
def _not_names() -> frozenset[str]:
    """Words that are never an actor's name on their own: demonyms ("the Russian ransomware gang"), the
    capitalised words that are never an organisation (lexicon cues not_victim, not_victim_alone)."""
    words = {fold(t) for name in ("not_victim", "not_victim_alone") for t in cue_terms(name)}
    for country in knowledge.load("countries").countries.values():
        words.update(fold(t) for terms in country.demonyms.values() for t in terms)
    return frozenset(words)


def _plain_name(name: str) -> bool:
    """A name made only of words that start capitalised and go on lower case ("Russian", "North Korean"),
    which can be everyday words; handles ("LockPine", "x_99") and capitals ("NIGHTFERN") cannot."""
    return all(re.fullmatch(r"[A-Z][a-zà-ÿ]*", word) for word in name.split())


_SIGN_DASH = r"(?:—|–|--|-|~)"
_SIGN_GROUP = r"(?i:team|crew|group|gang|squad)"


@cache
def _sign_off_pattern() -> re.Pattern[str]:
    return re.compile(
        r"(?:^|(?<=[.!?…])[ \t]+)(?:(?P<dash>" + _SIGN_DASH + r")[ \t]*)?(?:(?P<lead>" + _alternation("sign_off")
        + r")[ \t]*[,:：]?[ \t]+)?(?:(?i:the)[ \t]+)?@?(?P<name>[A-Za-z0-9_][A-Za-z0-9_.\-]{0,30}[A-Za-z0-9_])"
        r"(?:[ \t]+(?P<after>" + _SIGN_GROUP + r"))?(?:[ \t]*(?:@|(?i:on|sur|from|at|de))[ \t]*[A-Za-z0-9][\w.\-]*)?"
        r"[ \t]*[.!]?[ \t]*$", re.M)


@cache
def _link_line() -> re.Pattern[str]:
    return re.compile(r"\n[ \t]*" + _alternation("link_line") + r"[ \t]*[:：][^\n]*$")


@cache
def _post_closing() -> re.Pattern[str]:
    return re.compile(r"(?:^|[.!?]\s+)" + _alternation("post_closing") + r"[ \t]*[.!]*[ \t]*$", re.M)


_NOT_SIGNERS = frozenset({"email", "mail", "e-mail", "phone", "request", "telegram", "escrow", "forum", "admin",
                          "me", "us", "moi", "nous", "the", "them"})


def _sign_off(ctx: Context) -> Iterator[tuple[str, int, int, float]]:
    """The handle that signs a post on its last line: "PM me. — initial_ghost", "Enjoy. - d3adl1ne @ LeakZone",
    "sample in DM. by l0gsm1th", "— NightPelican team", "Team BlackMistral", or a handle alone on the line;
    the lines that give the download below it ("Download: [hidden content]") come after the signature."""
    text = ctx.text.rstrip()
    for _ in range(3):
        link = _link_line().search(text)
        if link is None:
            break
        text = text[:link.start()].rstrip()
    line_start = text.rfind("\n") + 1
    found = _sign_off_pattern().search(text, line_start)
    if found is None:
        return
    name = found.group("name")
    if re.search(r"\.[A-Za-z]{2,}$", name):
        return  # a domain or a file ("DataBreaches.net", "users.csv")
    shaped = re.fullmatch(_HANDLE_SHAPED, name) is not None
    teamed = found.group("after") is not None or (found.group("lead") or "").lower() in {"team", "crew", "equipe",
                                                                                        "équipe", "l'équipe"}
    # "Enjoy. - Mwanzi": a capitalised word signs after the poster's closing words, not after a reported fact
    closed = bool(found.group("dash") and _post_closing().search(text, line_start, found.start()))
    # "by cholodump": after an explicit "by", a lower-case token is a handle (news outlets are capitalised)
    lowered = bool(found.group("lead")) and name.islower() and len(name) >= 4 and name not in _NOT_SIGNERS
    if not shaped and not lowered and not (teamed and re.fullmatch(r"[A-Z][\w\-]*", name)
                                           or closed and name[:1].isalpha()):
        return  # "Enjoy", "by Reuters", "... patients. — Reuters": an everyday word or a plain name signs nothing
    previous = text[:line_start].rstrip().rsplit("\n", 1)[-1].strip()
    if found.group("dash") and found.start() == line_start and re.match(_SIGN_DASH + r"\s", previous):
        return  # the last item of a dashed list
    alone = not found.group("dash") and not found.group("lead") and not found.group("after")
    signed = bool(re.search(r"(?:^|[.!?]\s+)(?:\w+\s+)?" + _alternation("sign_off") + r"\s*[,.!]?$", previous))
    if alone and not signed and (found.start() != line_start or " " not in previous or previous.endswith((":", ","))):
        return  # a handle alone on the last line stands under a sentence ("Regards,"), not as the last row of a list
    yield name, found.start("name"), found.end("name"), 2.5 if found.group("dash") or found.group("lead") else 2.0


# a leak-site page headed by its group: "Blackmoor Ransom Team" alone on the first line, the entry below it.
# "... Group" is left out: a company's name ends so just as often ("Harwick Dental Group").
_BANNER = re.compile(r"\A[ \t]*(?:(?P<name>(?:[A-Z][\w$.\-]*[ ]){1,3}(?:Team|TEAM|Gang|GANG|Crew|CREW))|"
                     r"(?P<site>(?:[A-Z][\w$.\-]*)(?:[ ][A-Z][\w$.\-]*){0,2})[ \t]*(?:[—–|:\-][ \t]*)?"
                     r"(?:LEAKS|Leaks|LEAK SITE|Leak Site|BLOG|Blog|NEWS|News|PUBLICATIONS|Publications|FUITES|"
                     r"Fuites|NEW DROP|New drop|DROP))[^\w\n]*\r?\n\s*\S")


def _banner(ctx: Context) -> Iterator[tuple[str, int, int, float]]:
    found = _BANNER.match(ctx.text)
    if found is not None:  # "Blackmoor Ransom Team", or a leak site's own name: "OBSIDIAN CLAW — LEAKS"
        group = "name" if found.group("name") else "site"
        yield found.group(group), found.start(group), found.end(group), 2.0


@dataclass(frozen=True)
class ActorFinding:
    name: str
    aliases: tuple[str, ...]
    kind: str | None
    start: int
    end: int
    score: float


@cache
def _actor_matcher() -> Matcher[int]:
    actors = knowledge.load("actors").actors
    entries: list[tuple[str, int]] = []
    for index, actor in enumerate(actors):
        entries.append((actor.name, index))
        entries.extend((alias, index) for alias in actor.aliases)
    return Matcher(entries)


@cache
def _venue_matcher() -> Matcher[int]:
    venues = knowledge.load("venues").venues
    entries: list[tuple[str, int]] = []
    for index, venue in enumerate(venues):
        entries.append((venue.name, index))
        entries.extend((alias, index) for alias in venue.aliases)
    return Matcher(entries)


def known_actor(name: str) -> str | None:
    """The canonical name of a known actor or group, or None."""
    key = " ".join(fold(name).split())
    for match in _actor_matcher().find(key):
        if match.start == 0 and match.end == len(key):
            return knowledge.load("actors").actors[match.payloads[0]].name
    return None


def _needs_context(surface: str) -> bool:
    """A one-word name that is also an everyday word ("Play", "Royal", "Hive") needs a group cue near it."""
    return " " not in surface and surface.isalpha() and (surface[:1].isupper() and surface[1:].islower()
                                                         or surface.islower()) and len(surface) <= 9


_REPORTER_LEAD = re.compile(r"(?i)(?:selon|d['’]apr[eè]s|according to|per|laut|seg[uú]n)\s+")


_GROUP_NOUNS = frozenset({"group", "groupe", "grupo", "gruppe", "gang", "collective", "collectif", "crew", "hackers",
                          "hacker", "pirates", "pirate", "actor", "acteur", "team", "equipe", "operators"})


def _is_reporter(ctx: Context, start: int, end: int) -> bool:
    """Whether the name at ``start`` is who reports the claim: "researcher X", "according to X", "Source: X" —
    but not "according to the group X", where the attackers speak for themselves. What a sentence before says
    ("... domain admin account. Author: X") is not about the name."""
    for credit in ctx.cues("source_credit"):
        if credit.end <= start and re.fullmatch(r"[^\w\n]*(?:\w+[^\w\n]+){0,2}", ctx.folded[credit.end:start]):
            return True  # "Source : veille @CyberVeilleFR", "h/t @watcher"
    window = re.sub(r"^\w+", "", ctx.folded[start - 60:start]) if start > 60 else ctx.folded[:start]
    for reporter in cue("reporter").find(window):
        between = window[reporter.end:]
        if re.fullmatch(r"[^\w\n.!?]*(?:\w+[^\w\n.!?]+){0,2}", between) and not (
                _GROUP_NOUNS & set(re.findall(r"\w+", between))):
            return True  # "a report by the outlet HackWatch Daily", "spotted by researcher X"
    before = re.split(r"[.!?]\s|\n", ctx.folded[max(0, start - 45):start])[-1]
    found = re.search(r"(?:researchers?|analysts?|journalists?|reporters?|founder|fondateur|chercheur|"
                      r"journaliste|specialiste|(according to|selon|d'apres)|told|compte|account)"
                      r"\W+((?:\w+\W+){0,2})$", before)
    if found is None:
        return False
    return not (found.group(1) and _GROUP_NOUNS & set(re.findall(r"\w+", found.group(2))))


@cache
def _venue_names() -> frozenset[str]:
    venues = knowledge.load("venues").venues
    return frozenset({fold(v.name) for v in venues} | {fold(a) for v in venues for a in v.aliases})


def _candidates(ctx: Context) -> Iterator[tuple[str, int, str, float]]:
    """Names the patterns find: (name, where it starts, the group that caught it, the pattern's weight)."""
    patterns = [(p, w, g) for (p, w), g in zip(_PATTERNS, _GATES, strict=True)] + _knowledge_patterns()
    for pattern, weight, gate in patterns:
        if not any(word in ctx.folded for word in gate):
            continue
        for found in pattern.finditer(ctx.text):
            group = next((g for g in ("name", "name2", "name3", "q")
                          if g in pattern.groupindex and found.group(g)), None)
            if group is None:
                continue
            name = found.group(group)
            if "det" in pattern.groupindex and not found.group("quote") and (
                    re.search(r"-[a-z]", name) or not found.group("det") and _plain_name(name)):
                continue  # "Notorious ransomware gang", "the Russian-speaking ransomware gang": no name
            if "said" in pattern.groupindex and found.group("said"):
                continue  # "un communiqué publié par le groupe Verlaine": the company speaks
            if "we" in pattern.groupindex and fold(name.split()[-1]) in folded_terms("org_suffix"):
                continue  # "We, Harwick Dental Group, take your privacy seriously": the victim speaking
            yield name.strip(" .,-'\""), found.start(group), group, weight
    for name, start, _end, weight in (*_sign_off(ctx), *_banner(ctx)):
        yield name, start, "name3", weight


def extract_actor(ctx: Context, exclude: set[str] | None = None) -> tuple[ActorFinding | None, list[Evidence]]:
    exclude = {fold(e) for e in (exclude or set())}
    actors = knowledge.load("actors").actors
    findings: list[ActorFinding] = []
    for match in _actor_matcher().find(ctx.folded, longest=True):
        actor = actors[match.payloads[0]]
        surface = ctx.text[match.start:match.end]
        if surface[:1].islower() and not any(c.isdigit() for c in surface):
            continue  # "play", "hive" as words
        context = bool(ctx.in_sentence("actor_intro", match.start) or ctx.in_sentence("ransomware", match.start)
                       or ctx.in_sentence("extortion", match.start))
        title = match.start == 0 and bool(re.match(r"\s*[|:\-–—]", ctx.text[match.end:match.end + 3]))
        if _needs_context(surface) and not context and not title:
            continue  # a group that opens a title line ("Akira | Victim | ...") is named as the poster
        if _is_reporter(ctx, match.start, match.end):
            continue
        score = 2.0 + (1.0 if context else 0.0)
        before = ctx.folded[max(0, match.start - 30):match.start]
        if re.search(r"\b(?:like|such as|unlike|similar to|comme|tel que|wie|como)\s+(?:the\s+)?$", before):
            score -= 2.5  # "like Maze and other groups"
        findings.append(ActorFinding(actor.name, tuple(actor.aliases), actor.kind, match.start, match.end, score))
    for name, start, group, weight in _candidates(ctx):
        name = re.sub(r"\s+(?:on|sur|in|en|via|from|de|of|the)$", "", name)
        lead = _REPORTER_LEAD.match(name)
        if lead:  # "Selon Zataz, un pirate revend ...": the outlet that reports, then the actor
            name, start = name[lead.end():], start + lead.end()
        end = start + len(name)
        if not name or fold(name) in _BAD_NAMES or len(name) < 2 or _is_reporter(ctx, start, end):
            continue
        if group == "q" and (len(name.split()) > 3 or (" " in name and name[:1].islower())):
            continue  # a quoted sentence ("the group said 'we will publish everything'"), not a name
        if ctx.text[end:end + 1] == "@" and fold(name) in folded_terms("role_mailbox"):
            continue  # "Jabber: support@acme-bank.com": an organisation's mailbox
        canonical = known_actor(name)
        first = name.split()[0]
        if not canonical and " " in name and fold(first) in _not_names() and first.lower() not in _BAD_NAMES:
            continue  # "On 8 May 2025, a threat actor ...": a date or a clause opens the sentence, not a name
        if not canonical and fold(name) in _not_names():
            continue  # "the Russian ransomware gang", "We, the undersigned,": no name
        kind = None
        aliases: tuple[str, ...] = ()
        if canonical:
            entry = next(a for a in actors if a.name == canonical)
            kind, aliases = entry.kind, tuple(entry.aliases)
        findings.append(ActorFinding(canonical or name, aliases, kind, start, end, weight))
    # "the ransomware gang Hellcat Syndicate": the name the text gives in full, not the known group it starts with
    introduced = [f for f in findings if f.kind is None]
    findings = [f for f in findings if f.kind is None or not any(  # nor "Lynx" inside "the Cobalt Lynx gang"
        o.start <= f.start and f.end <= o.end and o.end - o.start > f.end - f.start for o in introduced)]
    venues, chats = _venue_names(), folded_terms("messenger")  # "Contact : Tox" names a chat, not a poster
    findings = [f for f in findings if fold(f.name) not in exclude and fold(f.name) not in venues
                and fold(f.name) not in chats and f.score > 0]
    if not findings:
        return None, []
    totals: dict[str, float] = {}
    for finding in findings:
        totals[finding.name] = totals.get(finding.name, 0.0) + finding.score
    best_name = max(totals, key=lambda n: (totals[n], -min(f.start for f in findings if f.name == n)))
    best = min((f for f in findings if f.name == best_name), key=lambda f: (-f.score, f.start))
    return best, [ctx.evidence("actor", best.start, best.end, rule="actor")]


_ON_VENUE = re.compile(r"\b(?:on|sur|en|auf|im|in|at|via|forum|forums)\s+(?:the\s+)?(?:forum\s+)?$")
_NOT_ANNOUNCED_ON = frozenset({"file_sharing"})  # where a dump is stored, not where the claim is made


@cache
def _bare_venue_matcher() -> Matcher[int]:
    """Names of venues that are also words ("XSS", "Exploit"): lexicon cues ``bare_venue:<venue name>``."""
    index = {v.name: i for i, v in enumerate(knowledge.load("venues").venues)}
    entries: list[tuple[str, int]] = []
    for name, terms in knowledge.load("lexicon").cues.items():
        if name.startswith("bare_venue:") and name.split(":", 1)[1] in index:
            entries.extend((t, index[name.split(":", 1)[1]]) for words in terms.values() for t in words)
    return Matcher(entries)


def extract_venue(ctx: Context) -> tuple[str | None, list[Evidence]]:
    venues = knowledge.load("venues").venues
    counts: dict[int, list[tuple[int, int]]] = {}
    for match in _venue_matcher().find(ctx.folded, longest=True):
        surface = ctx.text[match.start:match.end]
        if surface[:1].islower() and " " not in surface and "." not in surface:
            continue  # "exploit", "cracked", "nulled" as words
        if venues[match.payloads[0]].kind in _NOT_ANNOUNCED_ON:
            continue
        counts.setdefault(match.payloads[0], []).append((match.start, match.end))
    for match in _bare_venue_matcher().find(ctx.folded, longest=True):
        # "on XSS", "sur Exploit": a name that is also a word counts only where something is posted on it
        if ctx.text[match.start:match.start + 1].isupper() and _ON_VENUE.search(
                ctx.folded[max(0, match.start - 24):match.start]):
            counts.setdefault(match.payloads[0], []).append((match.start, match.end))
    if not counts:
        return None, []
    best = max(counts, key=lambda i: (len(counts[i]), -counts[i][0][0]))
    start, end = counts[best][0]
    return venues[best].name, [ctx.evidence("venue", start, end, rule="venue")]
