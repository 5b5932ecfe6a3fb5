"""``labkit lab``: the student's own working folder and JupyterLab on it (实训工作区).

- ``workspace``: copy the lessons and the student versions of the exercises of one language
  into a folder the student owns, never over a copy the student has edited
- ``server``: the JupyterLab command, its environment (the kit's ``bin``/``Scripts`` on PATH,
  LABKIT_LANG) and JupyterLab's own interface language
"""

__all__: list[str] = []  # used through the command line (``labkit lab``); see workspace.py and server.py
