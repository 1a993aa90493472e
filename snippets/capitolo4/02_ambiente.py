# L'ambiente degli esempi: versioni delle librerie e dispositivo scelto (la GPU, se c'è).
import platform

import torch
import transformers

print(f"Python        {platform.python_version()}")
print(f"torch         {torch.__version__}")
print(f"transformers  {transformers.__version__}")

# La riga che sceglie il dispositivo: CUDA (GPU NVIDIA) se disponibile, altrimenti CPU
device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"dispositivo   {device}")
if device == "cuda":
    print(f"GPU           {torch.cuda.get_device_name(0)}")
    major, minor = torch.cuda.get_device_capability(0)
    print(f"capacità CUDA {major}.{minor}")
    # including_emulation=False: conta solo il bfloat16 calcolato in hardware (capacità >= 8.0)
    nativo = torch.cuda.is_bf16_supported(including_emulation=False)
    print(f"bfloat16      {'sì' if nativo else 'no, i pesi restano in float32'}")
