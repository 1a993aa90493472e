# Da testo a id e ritorno, con i token speciali di T5: fine sequenza, padding e sentinelle.
import os

from transformers import AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)

frase = "Il treno è in ritardo."
ids = tokenizer(frase).input_ids
print(f"{'id':<15}", ids)
print(f"{'token':<15}", tokenizer.convert_ids_to_tokens(ids))
print(f"{'decodifica':<15}", repr(tokenizer.decode(ids)))
senza_speciali = tokenizer.decode(ids, skip_special_tokens=True)
print(f"{'senza speciali':<15}", repr(senza_speciali))
assert ids[-1] == tokenizer.eos_token_id and "</s>" not in senza_speciali  # </s> aggiunto da solo
id_fine = ids[-1]  # la pagina cita questo id e, più sotto, i caratteri persi
print()

for nome in ["pad_token", "eos_token", "unk_token"]:
    token = getattr(tokenizer, nome)
    print(f"{nome:<10} {token:<6} id {tokenizer.convert_tokens_to_ids(token)}")

# le sentinelle <extra_id_N> segnano i buchi nel pre-addestramento di T5 (capitolo 3)
sentinelle = [t for t in tokenizer.get_vocab() if t.startswith("<extra_id_")]
n_sentinelle, id_sentinella = len(sentinelle), tokenizer.convert_tokens_to_ids("<extra_id_0>")
print("\nsentinelle nel vocabolario:", n_sentinelle)
print("id di <extra_id_0>:", id_sentinella)
con_buco = "Il treno <extra_id_0> in ritardo."
print("con una sentinella:", tokenizer.tokenize(con_buco))
assert "<extra_id_0>" in tokenizer.tokenize(con_buco)  # un token solo, anche in mezzo alla frase

# quello che il modello legge davvero: il testo ricostruito dagli id
testo = "Prima riga\nseconda  riga: {ok} città, perché, così può"
letto = tokenizer.decode(tokenizer(testo).input_ids)
print("\ntesto:    ", repr(testo))
print("il modello:", repr(letto))
controllati = {"\n": "l'a capo", "  ": "il doppio spazio", "{": "la graffa"}
controllati |= {c: f"la «{c}»" for c in "àéìò"}
print("resta?", "  ".join(f"{c!r} {c in letto}" for c in controllati))
persi = [nome for c, nome in controllati.items() if c not in letto]  # la pagina cita questa lista
