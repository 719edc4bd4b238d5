"""How the window shares its width: the library, the writing column, the preview and the
photo panel, each with a usable minimum, in proportions that favour writing."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QSplitter, QWidget

LIBRARY_MIN = 150
WRITING_MIN = 380  # the fields, the body and the find bar stay readable
PREVIEW_MIN = 240  # the preview never collapses
PHOTOS_EMPTY_MIN = 150  # the photo panel with no photos: a button and a place to drop
PHOTOS_FULL_MIN = 230  # with photos: a column of thumbnails and readable fields
DEFAULT_WINDOW = (1360, 860)


def library_width(window_width: int) -> int:
    return max(LIBRARY_MIN, min(260, round(window_width * 0.16)))


def work_sizes(work_width: int, photos_width: int, empty: bool = False) -> list[int]:
    """Writing, preview and photos for the width left beside the library: the photo panel
    keeps what it needs (little without photos), writing gets the larger share of the rest."""
    photos = photos_width + 20 if empty else max(photos_width, min(360, round(work_width * 0.23)))
    rest = max(0, work_width - photos)
    writing = max(WRITING_MIN, round(rest * 0.56))
    return [writing, max(PREVIEW_MIN, rest - writing), photos]


def fit_to_screen(window: QWidget) -> None:
    """The default size, never larger than the screen's free area."""
    width, height = DEFAULT_WINDOW
    screen = window.screen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width()), min(height, free.height())
    window.resize(width, height)


def arrange(main: QSplitter, work: QSplitter, width: int, photos_min: int) -> None:
    """Minimums, which panes may collapse, who takes a resize, and the default split."""
    library, writing = main.widget(0), work.widget(0)
    preview, photos = work.widget(1), work.widget(2)
    library.setMinimumWidth(LIBRARY_MIN)
    writing.setMinimumWidth(WRITING_MIN)
    preview.setMinimumWidth(PREVIEW_MIN)
    main.setCollapsible(0, False)  # hidden and shown with View → Show library instead
    main.setCollapsible(1, False)
    work.setCollapsible(0, False)
    work.setCollapsible(1, False)
    work.setCollapsible(2, False)
    main.setStretchFactor(0, 0)
    main.setStretchFactor(1, 1)
    # A wider or narrower window changes the text and the page, not the photo panel.
    work.setStretchFactor(0, 3)
    work.setStretchFactor(1, 2)
    work.setStretchFactor(2, 0)
    default_split(main, work, width, photos_min)


def default_split(main: QSplitter, work: QSplitter, width: int, photos_min: int, empty: bool = False) -> None:
    side = library_width(width)
    main.setSizes([side, max(0, width - side)])
    work.setSizes(work_sizes(max(0, width - side - 2 * main.handleWidth()), photos_min, empty))


def restore(splitter: QSplitter, state) -> bool:
    """A remembered split, unless it would leave a pane that must not collapse at zero."""
    if state is None or not splitter.restoreState(state):
        return False
    sizes = splitter.sizes()
    for index, size in enumerate(sizes):
        if size == 0 and not splitter.isCollapsible(index) and not splitter.widget(index).isHidden():
            return False
    return True


class PhotoPanelFit:
    """The photo panel narrow while the article has no photos, and its share back when the
    first arrives; only on those changes, so a split the person chose is kept otherwise."""

    def __init__(self, main: QSplitter, work: QSplitter, remembered: bool):
        self.main, self.work = main, work
        self.remembered = remembered  # the split came from the settings
        self._empty: bool | None = None

    def figures_shown(self, figures) -> None:
        empty = not figures
        if empty == self._empty:
            return
        first, self._empty = self._empty is None, empty
        panel = self.work.widget(2)
        if not self.work.isVisible():  # the first article, before the window shows
            if not self.remembered:
                default_split(self.main, self.work, self.main.window().width(), panel.minimumWidth(), empty)
            return
        if first and not empty:
            return  # a remembered split with photos: as it was
        sizes = self.work.sizes()
        target = panel.minimumWidth() + 20 if empty else work_sizes(sum(sizes), panel.minimumWidth())[2]
        if (empty and sizes[2] > target) or (not empty and sizes[2] < target):
            delta = sizes[2] - target  # to the text and the page, 3 : 2 as a resize would
            writing = sizes[0] + round(delta * 0.6)
            self.work.setSizes([writing, sizes[1] + delta - (writing - sizes[0]), target])


def keep_clear_of(window: QWidget, place: QRect, gap: int = 8, least_height: int = 180) -> None:
    """Move a non-modal window (a dialog) off place, a rectangle on screen the person has to
    see: below or above it where the window fits, else where there is more room, made as
    short as that room needs. Left where it is when it covers nothing."""
    frame = window.frameGeometry()
    if not frame.intersects(place):
        return
    screen = window.screen()
    free = screen.availableGeometry() if screen is not None else frame.united(place)
    border = frame.height() - window.height()  # the title bar and the frame
    below = free.bottom() - (place.bottom() + gap)
    above = (place.top() - gap) - free.top()
    room = below if below >= frame.height() or below >= above else above
    height = min(frame.height(), room)
    if height < least_height:  # nowhere to fit: at least off the middle of the line
        height = least_height
    if height != frame.height():
        window.resize(window.width(), max(least_height, height - border))
    x = min(max(frame.x(), free.left()), free.right() - frame.width())
    y = place.bottom() + gap if room == below else place.top() - gap - height
    window.move(x, max(free.top(), min(y, free.bottom() - height)))
