"""The subeditor's pass: comments, the review panel, suggesting mode and their marks."""
