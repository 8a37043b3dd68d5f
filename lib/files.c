/* SPDX-License-Identifier: MIT */
#include "files.h"

#include "array.h"

#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool path_join(char *out, size_t size, const char *folder, const char *name)
{
	int n = snprintf(out, size, "%s/%s", folder, name);
	return n > 0 && (size_t)n < size;
}

int file_read_all(int dirfd, const char *path, char **text, size_t *len)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	char *buf = NULL;
	size_t used = 0, size = 0;
	int r = 0;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		r = -errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		r = -EISDIR;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		r = -EINVAL;
		goto out;
	}
	/* st_size is only a hint: live binfmt_misc files report 0. */
	for (;;) {
		if (size - used < 2) {
			size_t bigger = size ? size * 2 : 4096;
			char *p;
			if (size > FILES_MAX_SIZE) {
				r = -EFBIG;
				goto out;
			}
			p = realloc(buf, bigger);
			if (!p) {
				r = -ENOMEM;
				goto out;
			}
			buf = p;
			size = bigger;
		}
		ssize_t n = read(fd, buf + used, size - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			goto out;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (used > FILES_MAX_SIZE) {
		r = -EFBIG;
		goto out;
	}
	buf[used] = '\0';
	*text = buf;
	*len = used;
	buf = NULL;
out:
	free(buf);
	close(fd);
	return r;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void dir_names_free(char **names, int count)
{
	for (int i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

int dir_names(int dirfd, bool (*keep)(const char *name), char ***names_out)
{
	int fd = dup(dirfd);
	DIR *dir;
	char **names = NULL;
	size_t count = 0, capacity = 0;
	struct dirent *d;

	if (fd < 0)
		return -errno;
	dir = fdopendir(fd);
	if (!dir) {
		int r = -errno;
		close(fd);
		return r;
	}
	rewinddir(dir);
	errno = 0;
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..") || !keep(d->d_name))
			continue;
		char *copy = strdup(d->d_name);
		if (!copy || !array_grow((void **)&names, &capacity, count, sizeof(*names),
					 FILES_MAX_NAMES)) {
			free(copy);
			closedir(dir);
			dir_names_free(names, (int)count);
			return -ENOMEM;
		}
		names[count++] = copy;
		errno = 0;
	}
	if (errno) {
		int r = -errno;
		closedir(dir);
		dir_names_free(names, (int)count);
		return r;
	}
	closedir(dir);
	*names_out = names;
	return (int)count;
}

int dir_sorted_names(int dirfd, bool (*keep)(const char *name), char ***names)
{
	int count = dir_names(dirfd, keep, names);

	if (count > 1)
		qsort(*names, (size_t)count, sizeof(**names), compare_names);
	return count;
}

int dir_read_file(int dirfd, const char *folder, const char *name, char *path, size_t path_size,
		  char **text, size_t *len)
{
	if (!path_join(path, path_size, folder, name))
		return -ENAMETOOLONG;
	return file_read_all(dirfd, name, text, len);
}

void text_lines_init(struct text_lines *l, const char *text, size_t len)
{
	l->at = text;
	l->end = text + len;
	l->number = 0;
}

bool text_next_line(struct text_lines *l, const char **line, size_t *len)
{
	if (l->at >= l->end)
		return false;
	const char *nl = memchr(l->at, '\n', (size_t)(l->end - l->at));
	const char *stop = nl ? nl : l->end;
	*line = l->at;
	*len = (size_t)(stop - l->at);
	l->at = nl ? nl + 1 : l->end;
	l->number++;
	return true;
}

static int file_type_error(mode_t mode)
{
	return S_ISDIR(mode) ? -EISDIR : -EINVAL;
}

int file_open_regular(int dirfd, const char *path, bool follow, bool known_regular)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW);
	struct stat st;

	if (!known_regular) {
		if (fstatat(dirfd, path, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) < 0)
			return -errno;
		if (!S_ISREG(st.st_mode))
			return file_type_error(st.st_mode);
	}
	int fd = openat(dirfd, path, flags);
	if (fd < 0)
		return errno == ELOOP ? -EINVAL : -errno;
	if (!known_regular) {
		int r = fstat(fd, &st) < 0    ? -errno
			: S_ISREG(st.st_mode) ? 0
					      : file_type_error(st.st_mode);
		if (r < 0) {
			close(fd);
			return r;
		}
	}
	return fd;
}

long file_read_prefix(int fd, unsigned char *buf, size_t want)
{
	size_t len = 0;

	while (len < want) {
		ssize_t n = read(fd, buf + len, want - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	return (long)len;
}

/* Is the last component of partial (len bytes) "." or ".."? */
static bool dot_component(const char *partial, size_t len)
{
	size_t from = len;

	while (from > 0 && partial[from - 1] != '/')
		from--;
	return (len - from == 1 && partial[from] == '.') ||
	       (len - from == 2 && partial[from] == '.' && partial[from + 1] == '.');
}

/* mkdir -p, counting the folders it made.  For install: each gets `mode`
 * whatever the umask, and on failure those it made are removed again;
 * "." and ".." after a folder it made are refused, so that the folders
 * it made are always the last *made components of path. */
static int make_path(const char *path, unsigned mode, bool install, unsigned *made)
{
	char partial[PATH_MAX];
	size_t len = strlen(path), deepest = 0;
	int r = 0;

	*made = 0;
	if (len == 0)
		return -ENOENT; /* as mkdir("") */
	if (len >= sizeof(partial))
		return -ENAMETOOLONG;
	memcpy(partial, path, len + 1);
	for (char *p = partial + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char was = *p;
		*p = '\0';
		if (install && *made && dot_component(partial, (size_t)(p - partial))) {
			r = -EINVAL;
			break;
		}
		if (mkdir(partial, (mode_t)mode) == 0) {
			++*made;
			deepest = (size_t)(p - partial);
			if (install && chmod(partial, (mode_t)mode) < 0) {
				r = -errno;
				break;
			}
		} else if (errno != EEXIST) {
			r = -errno;
			break;
		}
		*p = was;
		if (was == '\0')
			break;
	}
	struct stat st;
	if (r == 0 && stat(path, &st) < 0)
		r = -errno;
	if (r == 0 && !S_ISDIR(st.st_mode))
		r = -ENOTDIR;
	if (r < 0 && install && *made) {
		partial[deepest] = '\0';
		dir_remove_made(partial, *made);
		*made = 0;
	}
	return r;
}

int dir_make_all(const char *path, unsigned mode)
{
	unsigned made;
	return make_path(path, mode, false, &made);
}

int dir_install(const char *path, unsigned mode, unsigned *made)
{
	return make_path(path, mode, true, made);
}

int dir_remove_made(const char *path, unsigned made)
{
	char partial[PATH_MAX];
	size_t len = strlen(path);

	if (len >= sizeof(partial))
		return -ENAMETOOLONG;
	memcpy(partial, path, len + 1);
	for (; made > 0; made--) {
		while (len > 1 && partial[len - 1] == '/')
			partial[--len] = '\0';
		if (rmdir(partial) < 0)
			return -errno;
		while (len > 0 && partial[len - 1] != '/')
			len--;
		partial[len] = '\0';
	}
	return 0;
}

static int write_all(int fd, const char *text, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		done += (size_t)n;
	}
	return fsync(fd) < 0 ? -errno : 0;
}

/* DIR/.NAME.PID.tmp, then DIR/.NAME.PID.N.tmp: pids repeat (in a PID
 * namespace at once), so a file a killed writer of the same pid left
 * behind is passed by, never taken over. */
static int temporary_name(char *tmp, size_t tmp_size, const char *dir, const char *name,
			  unsigned attempt)
{
	int n = attempt
		    ? snprintf(tmp, tmp_size, "%s/.%s.%d.%u.tmp", dir, name, (int)getpid(), attempt)
		    : snprintf(tmp, tmp_size, "%s/.%s.%d.tmp", dir, name, (int)getpid());
	return n < 0 || (size_t)n >= tmp_size ? -ENAMETOOLONG : 0;
}

enum { TEMPORARY_ATTEMPTS = 100 };

int file_write_temporary(const char *dir, const char *name, const char *text, char *tmp,
			 size_t tmp_size)
{
	char fd_path[64];
	size_t len = strlen(text);
	int r = temporary_name(tmp, tmp_size, dir, name, 0);

	if (r < 0)
		return r;
	/* An unnamed file first (O_TMPFILE): killed while writing, we leave
	 * nothing behind.  It gets the temporary name only once whole. */
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	if (fd >= 0) {
		r = write_all(fd, text, len);
		snprintf(fd_path, sizeof(fd_path), "/proc/self/fd/%d", fd);
		for (unsigned attempt = 1; r == 0; attempt++) {
			if (linkat(AT_FDCWD, fd_path, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0)
				break;
			r = -errno;
			if (r == -EEXIST && attempt < TEMPORARY_ATTEMPTS)
				r = temporary_name(tmp, tmp_size, dir, name, attempt);
		}
		close(fd);
		return r;
	}
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return -errno;
	for (unsigned attempt = 1;; attempt++) {
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0)
			break;
		r = -errno;
		if (r != -EEXIST || attempt == TEMPORARY_ATTEMPTS)
			return r;
		if ((r = temporary_name(tmp, tmp_size, dir, name, attempt)) < 0)
			return r;
	}
	r = write_all(fd, text, len);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	return r;
}

int file_write_atomic(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	int r;

	if (!path_join(path, sizeof(path), dir, name))
		return -ENAMETOOLONG;
	r = file_write_temporary(dir, name, text, tmp, sizeof(tmp));
	if (r < 0)
		return r;
	/* rename() replaces the old file in one step. */
	if (rename(tmp, path) < 0) {
		r = -errno;
		unlink(tmp);
		return r;
	}
	return 0;
}
