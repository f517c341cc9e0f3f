"""gitops-tutor: learn GitOps, Argo CD and Flux in the terminal and get ready for interviews."""

__version__ = "0.1.0"
