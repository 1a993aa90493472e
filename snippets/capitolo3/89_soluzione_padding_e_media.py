# Soluzione: un batch di due esempi, -100 su prompt e padding; media sui token, non sugli esempi.
import torch
from transformers import GPT2Config, GPT2LMHeadModel

esempi = [  # (prompt, risposta): la seconda risposta è più lunga della prima
    (["Recensione", ":", "camera", "sporca", ".", "Sentiment", ":"], ["negativo", "<fine>"]),
    (["Recensione", ":", "ottimo", ".", "Sentiment", ":"], ["davvero", "positivo", "!", "<fine>"]),
]
parole = sorted({p for prompt, risposta in esempi for p in prompt + risposta} | {"<pad>"})
vocabolario = {p: i for i, p in enumerate(parole)}
lunghezza = max(len(p) + len(r) for p, r in esempi)
ids, etichette = [], []
for prompt, risposta in esempi:
    riempimento = ["<pad>"] * (lunghezza - len(prompt) - len(risposta))  # padding a destra
    riga = [vocabolario[p] for p in prompt + risposta + riempimento]
    ids.append(riga)
    etichette.append([-100] * len(prompt) + riga[len(prompt) : len(prompt) + len(risposta)]
                     + [-100] * len(riempimento))  # fmt: skip
ids, etichette = torch.tensor(ids), torch.tensor(etichette)
maschera = (ids != vocabolario["<pad>"]).long()  # il modello non guarda il padding

torch.manual_seed(0)
fine = vocabolario["<fine>"]
config = GPT2Config(vocab_size=len(parole), n_positions=16, n_embd=32, n_layer=2, n_head=2,
                    bos_token_id=fine, eos_token_id=fine)  # fmt: skip
model = GPT2LMHeadModel(config).eval()
with torch.inference_mode():
    uscita = model(ids, attention_mask=maschera, labels=etichette)
logp = torch.log_softmax(uscita.logits[:, :-1], dim=-1)  # la posizione t prevede il token t+1
bersaglio = etichette[:, 1:]
contano = bersaglio != -100
meno_log_p = -logp.gather(-1, bersaglio.clamp(min=0).unsqueeze(-1)).squeeze(-1)
per_token = meno_log_p[contano].mean().item()
per_esempio = [meno_log_p[i][contano[i]].mean().item() for i in range(len(esempi))]
media_esempi = sum(per_esempio) / len(per_esempio)
print(f"token che contano per esempio:       {contano.sum(dim=1).tolist()}")
print(f"perdita del modello:                 {uscita.loss.item():.4f}")
print(f"media su tutti i token che contano:  {per_token:.4f}")
print(f"media delle medie dei due esempi:    {media_esempi:.4f}")
assert abs(uscita.loss.item() - per_token) < 1e-5  # transformers fa la media sui token
assert contano.sum(dim=1).tolist() == [len(r) for _, r in esempi]  # né prompt né padding

# la pagina cita questi valori
token_primo, token_secondo = (len(r) for _, r in esempi)
uguale_alla_media_degli_esempi = abs(uscita.loss.item() - media_esempi) < 1e-5
