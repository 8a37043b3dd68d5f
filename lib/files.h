/* SPDX-License-Identifier: MIT */
/* Reading files and folders given by users (whole, capped, sorted, line
 * by line) and writing files whole or not at all. */
#ifndef QBINFMT_FILES_H
#define QBINFMT_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* Caps on what one file or folder may hold: they are user input. */
#define FILES_MAX_SIZE	(16 * 1024 * 1024)
#define FILES_MAX_NAMES 65536

/* Read a whole regular file (relative to dirfd) into a NUL-terminated
 * buffer the caller frees.  0, or -errno (-EFBIG past FILES_MAX_SIZE,
 * -EISDIR / -EINVAL for a folder / anything but a regular file).  Opened
 * O_NONBLOCK and checked before the first read: a FIFO never blocks it. */
int file_read_all(int dirfd, const char *path, char **text, size_t *len);

/*
 * Open `path` (relative to dirfd, or AT_FDCWD) for reading, only if it is
 * a regular file: looked at before opening (opening a device or a FIFO
 * can have side effects or block) and again after (it may have been
 * replaced in between), opened non-blocking all the same.  With
 * `known_regular` (readdir's d_type said so) the first look is skipped.
 * Without `follow` a final symlink is refused.  Returns the descriptor,
 * or -errno: -EISDIR for a folder, -EINVAL for anything else that is not
 * a regular file.
 */
int file_open_regular(int dirfd, const char *path, bool follow, bool known_regular);

/* Read up to `want` bytes from the start of fd (fewer at the end of the
 * file).  The count, or -errno. */
long file_read_prefix(int fd, unsigned char *buf, size_t want);

/* mkdir -p: the folder and its missing parents, each with `mode`.  0 or
 * -errno. */
int dir_make_all(const char *path, unsigned mode);

/* The same as install -d: each folder it makes gets `mode` exactly, the
 * umask notwithstanding.  0 with the number of folders it made in *made
 * (the last *made components of path), or -errno with none of them left
 * and *made 0: -ENOTDIR when path is there but no folder, -EINVAL for a
 * "." or ".." after a folder it made. */
int dir_install(const char *path, unsigned mode, unsigned *made);

/* Take back what dir_install() made: rmdir the last `made` components of
 * path, deepest first.  0, or -errno of the first that stays (one that
 * is not empty, say). */
int dir_remove_made(const char *path, unsigned made);

/* "folder/name" into out; false if it does not fit. */
bool path_join(char *out, size_t size, const char *folder, const char *name);

/* Folder entries but "." and "..", in readdir order, that `keep` accepts,
 * at most FILES_MAX_NAMES.  Returns the count and a malloc'd array of
 * malloc'd names (dir_names_free()), or -errno (-ENOMEM past the cap). */
int dir_names(int dirfd, bool (*keep)(const char *name), char ***names);
/* The same, sorted by name (strcmp). */
int dir_sorted_names(int dirfd, bool (*keep)(const char *name), char ***names);
void dir_names_free(char **names, int count);

/* The file `name` of `folder` (open as dirfd), read whole as
 * file_read_all() does, its path "folder/name" in path.  0, or -errno:
 * -ENAMETOOLONG when that path does not fit path_size. */
int dir_read_file(int dirfd, const char *folder, const char *name, char *path, size_t path_size,
		  char **text, size_t *len);

/* The lines of a text in memory (a file read whole), one at a time. */
struct text_lines {
	const char *at, *end;
	int number; /* of the line text_next_line() gave last, from 1 */
};
void text_lines_init(struct text_lines *lines, const char *text, size_t len);

/* The next line, without its '\n' (a last line may have none): true with
 * *line and *len, false at the end of the text. */
bool text_next_line(struct text_lines *lines, const char **line, size_t *len);

/*
 * Write `text` whole to a new hidden file beside DIR/NAME,
 * DIR/.NAME.PID.tmp (readers of such folders skip hidden names; past
 * one a killed writer of the same pid left, DIR/.NAME.PID.N.tmp), mode
 * 0644 and synced, through an unnamed file (O_TMPFILE) where the
 * filesystem has them, so that a writer killed halfway leaves nothing.
 * 0 with its path in tmp, or -errno with nothing left behind.
 */
int file_write_temporary(const char *dir, const char *name, const char *text, char *tmp,
			 size_t tmp_size);

/* DIR/NAME replaced by `text` in one step: file_write_temporary(), then
 * rename().  0, or -errno with DIR/NAME as it was. */
int file_write_atomic(const char *dir, const char *name, const char *text);

#endif
