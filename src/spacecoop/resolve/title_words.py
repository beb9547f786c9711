"""Agreement titles in the main languages of the sources (English, French, German, Spanish,
Italian, Portuguese) reduced to shared words, so that "Association Agreement" and
"Assoziierungsabkommen", or "International Charter Space and Major Disasters" and "Charte
internationale Espace et catastrophes majeures", name one subject. Words are folded (no accents)."""

from __future__ import annotations

# Function words and the kinds of document (agreement, accord, Abkommen...) in the other languages;
# the English ones are in titles.py.
_FOREIGN_GENERIC_TEXT = """de du des la le les l d et en sur entre pour avec au aux un une nouvel nouveau nouvelle
    accord accords convention protocole memorandum entente cadre cooperation spatial spatiale
    spatiales premier premiere espace weltraum espacio espacios spazio espaco
    der die das den dem des und uber zur zum von mit im am fur ein eine einer neue neues neuen
    abkommen abkommens vereinbarung vereinbarungen vertrag vertrags ubereinkommen absichtserklarung
    kooperation kooperations zusammenarbeit rahmen raumfahrt erstes erste ersten
    el los las y para sobre con del al una nuevo nueva acuerdo acuerdos convenio memorando
    entendimiento marco cooperacion espacial primer primera
    di il lo gli e per tra fra nel della dello delle dei degli accordo accordi convenzione quadro
    cooperazione spaziale primo prima
    do da dos das um uma novo acordo acordos memorando quadro cooperacao espacial primeiro"""
FOREIGN_GENERIC = frozenset(_FOREIGN_GENERIC_TEXT.split())

# Subject words of other languages -> the English word (stemmed as titles.py stems).
TRANSLATIONS = {
    word: english
    for english, words in {
        "association": "assoziierung assoziierungs asociacion associazione associacao",
        "membership": "adhesion mitgliedschaft membresia adesione",
        "charter": "charte charta carta",
        "international": "internationale internationaler internacional internazionale",
        "disaster": "catastrophe catastrophes katastrophen desastre desastres disastri catastrofi",
        "major": "majeure majeures grosser grossen mayores maggiori",
        "exploration": "exploracion esplorazione exploracao erforschung",
        "peaceful": "pacifique pacifiques pacificos pacifici friedliche friedlichen",
        "purpose": "fins zwecke fines fini",
        "research": "recherche forschung investigacion ricerca pesquisa",
        "science": "sciences wissenschaft ciencia ciencias scienza scienze ciencia",
        "technology": "technologie technologies tecnologia tecnologias",
        "earth": "terre erde tierra",
        "observation": "beobachtung erdbeobachtung observacion osservazione observacao",
        "navigation": "navegacion navigazione navegacao",
        "launch": "lancement lancements lanzamiento lanzamientos lancio lanci lancamento",
        "launcher": "lanceur lanceurs tragerrakete tragerraketen lanzador lanzadores lanciatore",
        "moon": "lune mond luna lua",
        "lunar": "lunaire lunar lunare",
        "climate": "climat klima clima",
        "data": "donnees daten datos dati dados",
        "exchange": "echange echanges austausch intercambio scambio",
        "training": "formation ausbildung formacion formazione",
        "development": "developpement entwicklung desarrollo sviluppo desenvolvimento",
        "station": "estacion stazione estacao",
        "human": "humain humains menschliche humano humanos umano",
        "satellite": "satellites satelliten satelite satelites satelliti",
        "renewal": "renouvellement erneuerung renovacion rinnovo renovacao",
        "extension": "prolongation verlangerung prorroga proroga",
    }.items()
    for word in words.split()
}

# German compounds end in the kind of document: "Assoziierungsabkommen" = "Assoziierung" + "Abkommen".
_GERMAN_HEADS = ("abkommens", "abkommen", "vereinbarungen", "vereinbarung", "vertrags", "vertrag")


def split_compound(word: str) -> list[str]:
    """A German compound ending in a document kind, as its two parts; other words as they are."""
    for head in _GERMAN_HEADS:
        if word.endswith(head) and len(word) - len(head) >= 4:
            return [word[: -len(head)], head]
    return [word]


def translated(word: str) -> str:
    return TRANSLATIONS.get(word, word)


# Ordinals that make an agreement unique between its parties: their first one.
_FIRST_TEXT = "first premier premiere erstes erste ersten primer primera primo prima primeiro"
FIRST = frozenset(_FIRST_TEXT.split())
