"""The composition root: application, settings, store, controllers and the main window."""

from __future__ import annotations

import gc
import os
import sys

from desktop_editor import APP_ID, APP_NAME, __version__
from desktop_editor.ui.common.milestones import milestone


def _chromium_flags() -> None:
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    # Chromium refuses to run as root with its sandbox (tests, CI); nowhere else do we drop it.
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in flags:
        flags.append("--no-sandbox")
    # No background traffic or updates (we are offline by design), and no GPU process: the
    # preview is a still page that software rendering paints at once, and the GPU process
    # alone costs about 60 MB. No second, unsandboxed zygote either: it only forks utility
    # processes that run without a sandbox, and Qt WebEngine runs those services in the
    # window's process, so it would sit idle (about 9 MB).
    wanted = ("--disable-background-networking", "--disable-component-update", "--disable-gpu", "--no-unsandboxed-zygote")
    for flag in wanted:
        if flag not in flags:
            flags.append(flag)
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)


def prepare_qt() -> None:
    """What must happen before the QApplication exists."""
    _chromium_flags()
    # Nothing in the window draws with OpenGL (see ui.drafting.web_engine): on X11, Qt then
    # need not load the system's OpenGL (Mesa, LLVM), which costs memory and start-up time.
    os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
    # Saves, renders and imports run Python on worker threads; a shorter GIL switch
    # interval (default 5 ms) hands the UI thread back its turn sooner, so typing stays smooth.
    sys.setswitchinterval(0.001)
    from PySide6.QtCore import QCoreApplication, Qt

    _no_source_reading_per_import()
    QCoreApplication.setOrganizationName(APP_ID)
    QCoreApplication.setApplicationName(APP_ID)
    QCoreApplication.setApplicationVersion(__version__)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    # Qt WebEngine itself loads only once the window is on screen (ui.drafting.preview).


def _no_source_reading_per_import() -> None:
    """PySide6 reads the whole source of every module imported after it, to learn whether the
    module could select one of its opt-in `__feature__`s, and linecache keeps every line read:
    for this window, about 250 modules, 120 ms (50 of them before the preview) and 7 MB for
    as long as it runs. Nothing here selects a feature, so every module gets, unread, the
    answer PySide6 gives a module that uses it without one. Should a later PySide6 drop this
    private hook, there is nothing to replace and nothing changes."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: True


def _keep_python_output_apart() -> None:
    """Give sys.stderr its own copy of descriptor 2. While a picture decodes on a worker
    thread, core.noise captures descriptor 2 (what the image libraries print); what Python
    code prints meanwhile (a sentence, a recovery file's path, a traceback) must still reach
    the terminal."""
    try:
        sys.stderr.flush()
        copy = os.dup(2)
    except (AttributeError, OSError, ValueError):
        return  # no stderr at all: nothing to keep apart
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    sys.stderr = open(copy, "w", encoding=encoding, errors="backslashreplace", buffering=1)  # noqa: SIM115


def run(store_location: str | None = None) -> int:
    _keep_python_output_apart()
    milestone("python")
    # Start-up makes many long-lived objects (Qt's Python types, the window) and no garbage
    # worth collecting; collections while it runs only delay the first frame.
    gc.disable()
    prepare_qt()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    milestone("qt")
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)

    from desktop_editor.storage.errors import StoreError
    from desktop_editor.ui.common.settings import AppSettings

    try:
        store, snapshot = open_store(store_location, AppSettings().last_article_id)
    except StoreError as error:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, APP_NAME, str(error))
        print(f"desktop-editor: {error}", file=sys.stderr)
        return 1
    milestone("store")
    window = build_window(store, snapshot=snapshot, panels_later=True)
    milestone("built")
    window.preview_ready.connect(lambda: milestone("preview"))
    window.preview_picture_shown.connect(lambda: milestone("preview_picture"))
    window.first_painted.connect(lambda: milestone("painted"))
    window.first_painted.connect(_return_freed_memory)  # before the worker threads start
    # The store host (a second Python, about 0.4 s of work) starts once the preview has painted
    # its first page: on two cores, starting it with the preview held Chromium's first frame
    # back by about 100 ms. What is typed meanwhile waits in the window; a photo the preview
    # asks for starts the host at once.
    window.preview_ready.connect(store.start)
    window.first_painted.connect(_collect_garbage_again)
    window.panels_built.connect(lambda: _set_window_icon(app))  # not on the way to the preview
    QTimer.singleShot(1500, store.start)  # should the preview never paint (minimised), still save
    QTimer.singleShot(1500, _collect_garbage_again)  # and collects its garbage
    window.start()
    milestone("window")
    from desktop_editor.ui.shell.exit_handlers import save_and_quit_on_signals

    save_and_quit_on_signals(app, window)
    if not store.ready:
        store.failed.connect(lambda sentence: _store_failed(window, sentence))
    try:
        return app.exec()
    finally:
        store.close()  # waits for the store host to finish what it was sent


def _set_window_icon(app) -> None:
    from desktop_editor.ui.shell.app_icon import set_window_icon

    set_window_icon(app)


def _return_freed_memory() -> None:
    from desktop_editor.core.process_memory import return_freed_memory

    return_freed_memory()


def _collect_garbage_again() -> None:
    gc.freeze()  # what start-up made stays: later collections need not walk it
    gc.enable()
    import linecache

    linecache.clearcache()  # sources PySide6 read as it loaded (about 0.3 MB), never shown


def open_store(store_location: str | None, last_article_id: int | None):
    """The store, and the article to show first (a storage.snapshot.Snapshot) when it can be
    shown before the store opens.

    The store always lives in its own process, the store host (storage.client says why),
    started here. When the store on disk holds an article to show, the window shows that
    snapshot while the host opens; otherwise (a new store, one to upgrade, a remote one)
    this waits for the host, so a refusal is raised here as one StoreError.
    """
    from desktop_editor.storage.location import resolve_location, sqlite_path
    from desktop_editor.storage.snapshot import first_snapshot
    from desktop_editor.ui.common.store_opener import LazyStore

    location = resolve_location(store_location)
    path = sqlite_path(location)
    # Peek before the host starts: from then on it may be creating or upgrading the file.
    snapshot = first_snapshot(path, last_article_id) if path is not None and path.exists() else None
    store = LazyStore(location, start=snapshot is None)  # else once the window has painted
    if snapshot is None:
        from desktop_editor.ui.common.store_opener import password_dialog, wait_asking_password

        try:
            store = wait_asking_password(store, password_dialog)  # a desk server may ask
        except BaseException:
            store.close()
            raise
    return store, snapshot


def _store_failed(window, sentence: str) -> None:
    """The store behind the window could not be opened after all: say so where it takes no
    keys from the typing, and keep the window (and whatever was typed) open so it can be
    copied somewhere safe."""
    window.status_line.save_label.setText("Not saved")
    window.notice.say(f"{sentence} Nothing typed here can be saved: copy it somewhere safe before closing.", about="store")


def _wire_sync(client, document, window, settings) -> None:
    """The store host syncs with the desk server by itself; the window says how that stands
    and takes in what arrives for the open article."""
    from desktop_editor.storage.sync_service import ask_status
    from desktop_editor.ui.common.sync_watch import SyncWatch, desk_setting
    from desktop_editor.ui.drafting.incoming_text import take_in_text

    showing = lambda: (document.article.id if document.article is not None else None, document.author)  # noqa: E731
    watch = SyncWatch(lambda *asked: ask_status(client, *asked), lambda: client.ready, showing, parent=window)
    window.sync_watch = watch
    present = lambda: window.library is not None and window.library.set_present((watch.status or {}).get("present", {}))  # noqa: E731
    watch.status_changed.connect(lambda _status: present())
    window.panels_built.connect(present)
    show = window.status_line.show_sync
    watch.status_changed.connect(lambda status: show(status, document))
    document.saved.connect(lambda _article: show(watch.status, document))
    document.article_loaded.connect(lambda _article: show(watch.status, document))
    watch.articles_changed.connect(document.changed_in_store)
    document.body_arrived.connect(lambda text: take_in_text(window.editor, text))
    settings.preferences_changed.connect(lambda _preferences: watch.set_desk(desk_setting()))
    watch.start()


def _wire_workflow(document, window, settings) -> None:
    """Moves through the desk's workflow: by the user's name, under the house style's table;
    a refused move is said beside the text, where it takes no focus."""
    from desktop_editor.core import workflow
    from desktop_editor.core.preferences import account_name

    def follow_name(preferences) -> None:
        document.author = preferences.user_name or account_name()

    document.author = settings.user_name or account_name()
    settings.preferences_changed.connect(follow_name)
    table = lambda: workflow.lenient_table(settings.house_style().workflow_shortcuts)
    document.workflow_table = window.form.workflow_table = table
    document.move_refused.connect(lambda sentence: window.notice.say(sentence, about="workflow"))
    document.moved.connect(lambda _article: window.notice.say(None, about="workflow"))
    document.article_loaded.connect(lambda _article: window.notice.say(None, about="workflow"))
    listed_as: dict = {}  # article id -> what the library's filters and sort read of it

    def seen(article) -> tuple:
        return article.status, article.desk, article.assignee, article.embargo, article.publish_at

    def saved(article) -> None:  # a move, or a desk, assignee or time changed: list again
        if listed_as.get(article.id, seen(article)) != seen(article):
            window.library_controller.refresh()
        listed_as[article.id] = seen(article)

    document.article_loaded.connect(lambda article: listed_as.__setitem__(article.id, seen(article)))
    document.saved.connect(saved)


def _wire_review(document, window) -> None:
    """Comments, the review panel and suggesting mode, on the open article and the editor."""
    from PySide6.QtCore import Qt

    from desktop_editor.ui.review.commands import ReviewCommands
    from desktop_editor.ui.shell.side_panels import review_room

    window.review = ReviewCommands(
        document, window.editor, window.actions, lambda dock: window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock),
        window.statusBar().showMessage, dialog_parent=window, make_room=review_room(window),
    )  # fmt: skip
    window.statusBar().addPermanentWidget(window.review.suggesting.label)
    window.editor.highlighter.review_authors = lambda: window.review.ops.data  # each suggester's colour
    window.review.ops.taken = window.editor.highlighter.recolour  # known once the store has been read
    window.editor.highlighter.recolour()  # the text shown before this was wired
    opened = getattr(document.store, "opened", None)
    if opened is not None and not getattr(document.store, "ready", True):  # an article shown before the store opened lacks its review
        opened.connect(window.review.ops.read_stored)

    def as_the_house_says(article) -> None:  # suggesting by itself for stories past the reporter (house style)
        from desktop_editor.core.house_style import load_lenient, suggests

        on = suggests(load_lenient(), str(article.status))
        if on is not None and window.actions.suggesting.isChecked() != on and not window.editor.isReadOnly():
            window.actions.suggesting.setChecked(on)

    document.article_loaded.connect(as_the_house_says)
    document.moved.connect(as_the_house_says)
    if document.article is not None:  # shown already (the first frame came first)
        as_the_house_says(document.article)
        window.review.refresh()


def _wire_schedule(store, document, window) -> None:
    """Scheduled stories are published when their time comes while the window is open; the
    open one through its own save, the others on a worker; the status bar says so."""
    from desktop_editor.core import workflow
    from desktop_editor.ui.common.schedule_watch import ScheduleWatch

    open_id = lambda: document.article.id if document.article is not None else None
    active = lambda: not document.closed
    watch = ScheduleWatch(store, lambda: document.author, document.workflow_table, open_id, active, parent=window)
    window.schedule_watch = watch
    watch.open_due.connect(lambda: document.move_to(workflow.Status.PUBLISHED, workflow.DUE_NOTE))
    say = window.statusBar().showMessage

    def published(articles) -> None:
        names = ", ".join(f"“{a.headline.strip() or 'Untitled'}”" for a in articles)
        say(f"Published at the scheduled time: {names}.", 10000)
        window.library_controller.refresh()

    watch.published.connect(published)
    watch.held.connect(lambda held: say(" ".join(f"“{s.headline}” stays scheduled: {why}" for s, why in held), 10000))
    document.moved.connect(lambda article: article.status == workflow.Status.PUBLISHED and say(f"Published “{article.headline}”.", 5000))
    if not getattr(store, "ready", True):
        store.opened.connect(watch.check_now)  # at once when the store host has opened it
    watch.start()


def _after_first_frame(window, wire) -> None:
    """wire() once, when the window's first frame is painted (or in 1.5 s, should it never be)."""
    from PySide6.QtCore import QTimer

    done: list[bool] = []

    def once() -> None:
        if not done:
            done.append(True)
            wire()

    window.first_painted.connect(once)
    QTimer.singleShot(1500, once)


def build_window(store, settings=None, first_article=None, panels_later=False, snapshot=None):
    """Settings, controllers and the window, wired and showing the last article.

    settings: a QSettings to use instead of the user's (tests pass their own file).
    panels_later: the library and the photo panel are made just after the window's first frame.
    snapshot (or first_article, without its photos): what to show before the store has opened.
    """
    from desktop_editor.editing.open_article import OpenArticle
    from desktop_editor.ui.picture_desk.controller import ImagesController
    from desktop_editor.ui.library.controller import LibraryController
    from desktop_editor.ui.shell.main_window import MainWindow
    from desktop_editor.ui.common.qt_ports import QtPrompts, QtScheduler, QtWorker
    from desktop_editor.ui.common.settings import AppSettings

    settings = AppSettings(settings)
    client = store  # the sync's status is asked of the store host itself, off the UI thread
    if os.environ.get("DESKTOP_EDITOR_GUARD_UI_THREAD"):  # the test suite's debugging guard
        from desktop_editor.ui.common.store_guard import StoreOnUIThreadGuard

        store = StoreOnUIThreadGuard(store)
    prompts = QtPrompts()
    document = OpenArticle(store, QtScheduler(), QtWorker(), prompts)
    library = LibraryController(store)
    images = ImagesController(document)
    window = MainWindow(document, library, images, settings, panels_later=panels_later)
    prompts.window = window
    # An article that could not be opened is said beside the text, until another one opens.
    document.not_opened.connect(lambda sentence: window.notice.say(sentence, about="opening"))
    document.article_loaded.connect(lambda _article: window.notice.say(None, about="opening"))
    for controller in (library, images):
        controller.setParent(window)
    _wire_workflow(document, window, settings)
    if panels_later:  # the app's start: review, syncing and the schedule are not on the way to the first frame
        _after_first_frame(window, lambda: (
            _wire_review(document, window), _wire_sync(client, document, window, settings), _wire_schedule(store, document, window),
        ))  # fmt: skip
    else:
        _wire_review(document, window)
        _wire_sync(client, document, window, settings)
        _wire_schedule(store, document, window)
    if snapshot is None and first_article is not None:
        from desktop_editor.storage.snapshot import Snapshot

        snapshot = Snapshot(first_article, figures=[])
    if snapshot is not None:
        document.show_snapshot(snapshot.article, snapshot.figures)
        store.opened.connect(window.store_opened)
    else:
        document.open_first(settings.last_article_id, wait=True)  # else the most recent; else a new draft
    return window
