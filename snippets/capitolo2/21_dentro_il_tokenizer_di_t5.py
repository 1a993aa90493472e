# I passi del tokenizer di T5 su un testo italiano, e da dove vengono i numeri del suo vocabolario.
import json
import os

from transformers import AutoConfig, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
interno = tokenizer.backend_tokenizer  # il tokenizer della libreria tokenizers, passo per passo
modello = json.loads(interno.to_str())["model"]
tipo_modello, byte_fallback = modello["type"], modello.get("byte_fallback", False)
print("modello:", tipo_modello, "  byte_fallback:", byte_fallback)
# la pagina cita tipo_modello, ripiego e, più sotto, i numeri del vocabolario
ripiego = "ha il ripiego sui byte" if byte_fallback else "non ha il ripiego sui byte"

testo = "«Sì», disse.\n\tPoi: l’ho già detto…  ‘più’ — 3½ €"
print("testo:        ", repr(testo))
# 1. normalizzazione: il testo cambia prima di essere tagliato
normale = interno.normalizer.normalize_str(testo) if interno.normalizer else testo
nome_normalizzatore = type(interno.normalizer).__name__ if interno.normalizer else "nessuno"
print("normalizzato: ", repr(normale), " normalizzatore:", nome_normalizzatore)
# 2. pre-tokenizzazione: il testo si divide in parole, con ▁ davanti a ognuna
parole = [parola for parola, _ in interno.pre_tokenizer.pre_tokenize_str(normale)]
print("parole:       ", parole)
# 3. il modello sceglie i pezzi; un carattere senza pezzo diventa <unk>
ids = tokenizer(testo, add_special_tokens=False).input_ids
print("pezzi:        ", tokenizer.convert_ids_to_tokens(ids))
print("il modello legge:", repr(tokenizer.decode(ids)))
unk = tokenizer.unk_token_id
# ogni carattere del testo, da solo: se la sua codifica contiene <unk>, non ha un pezzo
senza_pezzo = [c for c in sorted(set(testo)) if not c.isspace() and unk in tokenizer(c).input_ids]
print("caratteri che diventano <unk>:", senza_pezzo)
# la pagina cita quanti sono, e se fra loro c'è l'apostrofo tipografico
n_senza_pezzo = len(senza_pezzo)
apostrofo = "è fra questi" if "’" in senza_pezzo else "non è fra questi"

# 32.000, 32.100, 32.128: pezzi di SentencePiece, più le sentinelle, righe dell'embedding
sentinelle = sum(t.startswith("<extra_id_") for t in tokenizer.get_vocab())
righe = AutoConfig.from_pretrained(MODEL).vocab_size
id_del_tokenizer = len(tokenizer)  # la pagina cita questo numero, righe e multiplo
print(f"\n{'pezzi senza sentinelle':<26} {id_del_tokenizer - sentinelle:>6}")
print(f"{'sentinelle <extra_id_N>':<26} {sentinelle:>6}")
print(f"{'id del tokenizer':<26} {id_del_tokenizer:>6}")
print(f"{'righe di embedding (config)':<26} {righe:>6}  multiplo di 128: {righe % 128 == 0}")
print(f"{'righe senza token':<26} {righe - id_del_tokenizer:>6}")
multiplo = "è un multiplo di 128" if righe % 128 == 0 else "non è un multiplo di 128"
assert righe >= len(tokenizer)  # ogni id del tokenizer ha la sua riga nell'embedding
