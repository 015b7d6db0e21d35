"""The main job: the stages in order (`analyzer`), and batches read, analysed and stored (`batch`)."""
