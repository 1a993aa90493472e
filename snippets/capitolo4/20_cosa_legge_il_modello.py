# Che cosa legge il modello: a capo, spazi e caratteri italiani, dal testo ai token e ritorno.
import os

from transformers import AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
# Una parola per ogni vocale accentata dell'italiano, poi virgolette, apostrofo tipografico, graffe
PAROLE = ["città", "caffè", "perché", "così", "però", "più", "È", "«sì»", "l’una", "{x}"]

tokenizer = AutoTokenizer.from_pretrained(MODEL)


def letto(testo):
    """Il testo come lo legge il modello: trasformato in token e di nuovo in testo."""
    return tokenizer.decode(tokenizer(testo, add_special_tokens=False).input_ids)


spazi = "Testo:   tre spazi,\ndue a capo\n\te una tabulazione."
print(f"scritto: {spazi!r}")
print(f"letto:   {letto(spazi)!r}")
# La pagina cita questi valori: se a capo, tabulazioni e spazi doppi spariscono, e quali parole
# arrivano con almeno un <unk>
spazi_uniti = not any(c in letto(spazi) for c in ("\n", "\t", "  "))
mutilate = []
print()
print(f"{'parola':<9}{'token':<30}{'<unk>':>6}  intatta")
for parola in PAROLE:
    ids = tokenizer(parola, add_special_tokens=False).input_ids
    pezzi = " ".join(tokenizer.convert_ids_to_tokens(ids))
    sconosciuti = ids.count(tokenizer.unk_token_id)
    intatta = "sì" if letto(parola) == parola else "no"
    if sconosciuti:
        mutilate.append(parola)
    print(f"{parola:<9}{pezzi:<30}{sconosciuti:>6}  {intatta}")
mutilate = mutilate or "nessuna"  # la pagina cita l'elenco, o «nessuna»
