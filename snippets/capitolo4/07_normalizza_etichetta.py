# Dalla risposta libera del modello a un'etichetta: positivo, negativo, neutro o «non riconosciuto».
import re


def normalizza(risposta: str) -> str:
    """Riduce una risposta a positivo, negativo o neutro; se è ambigua, a «non riconosciuto»."""
    parole = re.findall(r"\w+", risposta.lower())  # minuscole, senza punteggiatura
    if "non" in parole or "not" in parole:  # «non positivo» non dice quale classe
        return "non riconosciuto"
    radici = {"positiv": "positivo", "negativ": "negativo", "neutr": "neutro"}
    trovate = {e for p in parole for r, e in radici.items() if p.startswith(r)}
    return trovate.pop() if len(trovate) == 1 else "non riconosciuto"


prove = [
    "positivo",
    "Positive.",
    "  NEGATIVO!",
    "negativa",
    "neutral",
    "neutrale",
    "the sentiment is neutral",
    "Sentiment: positive",
    "positivo e negativo",
    "non positivo",
    "buono",
    "forse",
    "",
]
print(f"{'risposta del modello':<28}etichetta")
for risposta in prove:
    print(f"{risposta!r:<28}{normalizza(risposta)}")

# La pagina cita questi valori: quante prove finiscono nell'uscita esplicita
n_prove = len(prove)
non_riconosciute = sum(normalizza(r) == "non riconosciuto" for r in prove)
