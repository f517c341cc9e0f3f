"""``python -m gitops_tutor`` runs the same command line as ``gitops-tutor``."""

from gitops_tutor.cli.main import main

if __name__ == "__main__":
    main()
