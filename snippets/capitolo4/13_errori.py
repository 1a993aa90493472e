# Gli errori sui testi italiani: per tipo di testo, per coppia di classi, e uno per uno.
import csv
import os
import re
import textwrap
from collections import Counter

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
MOSTRA = 40  # quanti errori elencare
# Le famiglie di testi difficili della pagina, con gli id dei loro esempi nel data set
FAMIGLIE = {
    "ironia e sarcasmo": ["s089", "s109", "s164", "s173"],
    "negazioni e attenuazioni": ["s014", "s117", "s168"],
    "opinioni miste": ["s024", "s030", "s127", "s141"],
    "domande retoriche": ["s045", "s086", "s099"],
    "titoli di cronaca": ["s040", "s059", "s091", "s125"],
    "neutri su cose di solito giudicate": ["s046", "s060", "s098", "s123"],
}

device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 solo sulle GPU che lo calcolano in hardware (capacità di calcolo 8.0 o più),
# altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo, 65504
bf16 = device == "cuda" and torch.cuda.is_bf16_supported(including_emulation=False)
dtype = torch.bfloat16 if bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()


def normalizza(risposta: str) -> str:
    """Riduce una risposta a positivo, negativo o neutro; se è ambigua, a «non riconosciuto»."""
    parole = re.findall(r"\w+", risposta.lower())  # minuscole, senza punteggiatura
    if "non" in parole or "not" in parole:  # «non positivo» non dice quale classe
        return "non riconosciuto"
    radici = {"positiv": "positivo", "negativ": "negativo", "neutr": "neutro"}
    trovate = {e for p in parole for r, e in radici.items() if p.startswith(r)}
    return trovate.pop() if len(trovate) == 1 else "non riconosciuto"


def classifica(testi, batch_size=16, prompt=PROMPT):
    """Un'etichetta per testo; i prompt vanno al modello a gruppi di batch_size."""
    etichette = []
    for i in range(0, len(testi), batch_size):
        batch = [prompt.format(testo=t) for t in testi[i : i + batch_size]]
        inputs = tokenizer(batch, return_tensors="pt", padding=True).to(device)
        with torch.inference_mode():
            uscite = model.generate(**inputs, max_new_tokens=5, do_sample=False)
        etichette += map(normalizza, tokenizer.batch_decode(uscite, skip_special_tokens=True))
    return etichette


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
previste = classifica([r["testo_it"] for r in righe])
errori = [(r, p) for r, p in zip(righe, previste) if p != r["etichetta"]]
print(f"dispositivo: {device}   errori: {len(errori)} su {len(righe)} testi italiani")
print()
print(f"{'tipo':<12}{'testi':>6}{'errori':>8}{'quota':>8}")
quota_per_tipo = {}
for tipo in sorted({r["tipo"] for r in righe}):
    testi = sum(r["tipo"] == tipo for r in righe)
    sbagliati = sum(r["tipo"] == tipo for r, _ in errori)
    quota_per_tipo[tipo] = sbagliati / testi
    print(f"{tipo:<12}{testi:>6}{sbagliati:>8}{sbagliati / testi:>8.3f}")
print()
coppie = Counter((r["etichetta"], p) for r, p in errori)
ordinate = sorted(coppie.items(), key=lambda kv: (-kv[1], kv[0]))  # a pari merito, alfabetico
for (vera, prevista), n in ordinate:
    print(f"{vera:<9} scambiato per {prevista:<17}{n:>4}")
print()
id_sbagliati = {r["id"] for r, _ in errori}
quota_per_famiglia = {}
print(f"{'famiglia':<36}{'esempi':>7}{'sbagliati':>11}")
for famiglia, ids in FAMIGLIE.items():
    sbagliati = sum(i in id_sbagliati for i in ids)
    quota_per_famiglia[famiglia] = sbagliati / len(ids)
    print(f"{famiglia:<36}{len(ids):>7}{sbagliati:>11}")
print()
print(f"{'id':<6}{'tipo':<12}{'vera':<10}{'prevista':<18}testo")
for r, p in sorted(errori, key=lambda e: (e[0]["etichetta"], e[1], e[0]["id"]))[:MOSTRA]:
    testo = textwrap.shorten(r["testo_it"], 60, placeholder="…")
    print(f"{r['id']:<6}{r['tipo']:<12}{r['etichetta']:<10}{p:<18}{testo}")
if len(errori) > MOSTRA:
    print(f"… e altri {len(errori) - MOSTRA}: alza MOSTRA per vederli tutti")

# I valori che la pagina cita nel testo: numeri e verdetti di questa esecuzione
n_errori, n_testi = len(errori), len(righe)


def elenco(nomi):
    """«a», «b» e «c»: i nomi tra virgolette, come li scrive la pagina."""
    nomi = [f"«{n}»" for n in nomi]
    return nomi[0] if len(nomi) == 1 else ", ".join(nomi[:-1]) + " e " + nomi[-1]


# Per tipo: a pari merito si nominano tutti i tipi; se le quote sono uguali, lo si dice
alta, bassa = max(quota_per_tipo.values()), min(quota_per_tipo.values())
divario_tipi = (alta - bassa) * 100  # in punti percentuali
if alta == bassa:
    confronto_tipi = "tutti i tipi hanno la stessa quota di errore"
else:
    peggiori = [t for t, q in quota_per_tipo.items() if q == alta]
    migliori = [t for t, q in quota_per_tipo.items() if q == bassa]
    confronto_tipi = (
        f"la quota più alta è quella {'del tipo' if len(peggiori) == 1 else 'dei tipi'} "
        f"{elenco(peggiori)}, la più bassa quella "
        f"{'del tipo' if len(migliori) == 1 else 'dei tipi'} {elenco(migliori)}"
    )

# Per coppia: la confusione più frequente, o quante sono a pari merito
if not ordinate:
    confronto_coppie = "non ci sono errori, quindi nemmeno confusioni"
else:
    n = ordinate[0][1]
    prime = [(v, p) for (v, p), m in ordinate if m == n]
    casi = f"{n} {'errore' if n == 1 else 'errori'} su {n_errori}"
    if len(prime) == 1:
        confronto_coppie = (
            f"la più frequente è «{prime[0][0]}» scambiato per «{prime[0][1]}»: {casi}"
        )
    else:
        confronto_coppie = (
            f"{len(prime)} confusioni sono a pari merito, con {casi} ciascuna: "
            f"sono le prime {len(prime)} righe"
        )

# Per famiglia: la quota più alta di esempi sbagliati, e le famiglie che la raggiungono
quota_famiglie = max(quota_per_famiglia.values())
famiglie_peggiori = [f"«{f}»" for f, q in quota_per_famiglia.items() if q == quota_famiglie]
if len(famiglie_peggiori) == len(FAMIGLIE):
    famiglie_peggiori = "tutte le famiglie"
