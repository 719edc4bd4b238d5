"""The photo panel's thumbnails, in article order: dragged, or moved with Alt and an arrow
key (or the menu), into a new order; files dropped on them are added."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QMenu

from desktop_editor.ui.common.drops import FileDropTarget

HANDLE_ROLE = Qt.ItemDataRole.UserRole
EARLIER, LATER = -1, 1
MOVE_KEYS = {
    Qt.Key.Key_Left: EARLIER, Qt.Key.Key_Up: EARLIER, Qt.Key.Key_Right: LATER, Qt.Key.Key_Down: LATER,
}  # fmt: skip


class ThumbnailList(FileDropTarget, QListWidget):
    files_dropped = Signal(list)
    order_changed = Signal(list)  # the handles in their new order

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(84, 63))  # two columns even in the panel of a 1024 px window
        self.setGridSize(QSize(94, 88))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAcceptDrops(True)
        self.setWordWrap(True)
        self.setAccessibleName("Photos in article order")
        self.setAccessibleDescription("Alt and an arrow key move the selected photo earlier or later.")

    def files_dropped_here(self, files: list[str], event) -> None:
        self.files_dropped.emit(files)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.source() is not self:
            super().dropEvent(event)  # files from outside: FileDropTarget adds them
            return
        # A thumbnail moved within the list: to the place before the one it was dropped on
        # (after it, on its right half). Made here, as the icon view itself would only move
        # the picture on screen and leave the order as it was.
        row = self.currentRow()
        target = self._drop_row(event.position().toPoint())
        event.setDropAction(Qt.DropAction.IgnoreAction)  # nothing for the drag to remove after
        event.accept()
        if row >= 0:
            self.move_current(target - row - (1 if target > row else 0))

    def _drop_row(self, point) -> int:
        item = self.itemAt(point)
        if item is None:
            return self.count()  # past the last one
        rect = self.visualItemRect(item)
        return self.row(item) + (1 if point.x() > rect.center().x() else 0)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        step = MOVE_KEYS.get(event.key()) if event.modifiers() == Qt.KeyboardModifier.AltModifier else None
        if step is not None and self.currentItem() is not None:
            self.move_current(step)
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt API)
        item = self.itemAt(event.pos())
        if item is None:
            return
        self.setCurrentItem(item)
        row = self.row(item)
        menu = QMenu(self)
        earlier = menu.addAction("Move earlier\tAlt+Left", lambda: self.move_current(EARLIER))
        later = menu.addAction("Move later\tAlt+Right", lambda: self.move_current(LATER))
        earlier.setEnabled(row > 0)
        later.setEnabled(row < self.count() - 1)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def move_current(self, step: int) -> bool:
        """The selected photo step places later in the article (EARLIER, LATER: one place);
        False when it cannot move so far."""
        row = self.currentRow()
        target = row + step
        if row < 0 or step == 0 or not 0 <= target < self.count():
            return False
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.scrollToItem(item)
        self.order_changed.emit(self.handles())
        return True

    def handles(self) -> list[str]:
        return [self.item(row).data(HANDLE_ROLE) for row in range(self.count())]
