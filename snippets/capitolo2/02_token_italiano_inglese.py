# La stessa frase in italiano e in inglese, spezzata in token dal tokenizer di T5.
import os

from transformers import AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)

coppie = [
    ("Il gatto dorme sul divano.", "The cat sleeps on the sofa."),
    ("La consegna è arrivata in ritardo.", "The delivery arrived late."),
    ("Perché l'abbonamento costa così tanto?", "Why does the subscription cost so much?"),
]
conteggi = []
for italiano, inglese in coppie:
    token_it = tokenizer.tokenize(italiano)
    token_en = tokenizer.tokenize(inglese)
    conteggi.append((len(token_it), len(token_en)))
    # il carattere ▁ segna l'inizio di una parola (lo spazio che la precede)
    print("it:", " | ".join(token_it))
    print("en:", " | ".join(token_en))
    print()

print(f"{'frase':>5} {'token it':>9} {'token en':>9}")
for numero, (n_it, n_en) in enumerate(conteggi, start=1):
    print(f"{numero:>5} {n_it:>9} {n_en:>9}")
print("vocabolario del tokenizer:", len(tokenizer), "pezzi")

# la pagina cita il rapporto, sulle tre frasi insieme, e il vocabolario
token_italiano = sum(n_it for n_it, _ in conteggi)
token_inglese = sum(n_en for _, n_en in conteggi)
rapporto = token_italiano / token_inglese  # pezzi italiani per ogni pezzo inglese
vocabolario = len(tokenizer)
