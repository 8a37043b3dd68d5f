/* SPDX-License-Identifier: MIT */
/*
 * The floor for `elfprobe verify`: open each file of a list, read its
 * first 64 bytes, close it -- and nothing else.  No tool that looks at
 * every file's header can do less per file.
 *
 *   open-read-floor LIST     LIST: NUL-separated paths (find -print0)
 *
 * Prints how many files were read; exits 1 if the list cannot be read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *text;
	size_t used = 0;

	if (fd < 0 || fstat(fd, &st) < 0)
		return NULL;
	text = malloc((size_t)st.st_size + 1);
	while (text && used < (size_t)st.st_size) {
		ssize_t n = read(fd, text + used, (size_t)st.st_size - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	if (text)
		text[used] = '\0';
	*len = used;
	return text;
}

int main(int argc, char **argv)
{
	size_t len, files = 0, opened = 0;
	char *list;

	if (argc != 2) {
		fprintf(stderr, "usage: open-read-floor LIST\n");
		return 2;
	}
	list = slurp(argv[1], &len);
	if (!list) {
		fprintf(stderr, "open-read-floor: cannot read %s\n", argv[1]);
		return 1;
	}
	for (char *path = list; path < list + len; path += strlen(path) + 1) {
		unsigned char head[64];
		int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		files++;
		if (fd < 0)
			continue;
		opened += read(fd, head, sizeof(head)) >= 0;
		close(fd);
	}
	printf("%zu files, %zu read\n", files, opened);
	free(list);
	return 0;
}
