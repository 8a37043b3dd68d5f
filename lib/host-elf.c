/* SPDX-License-Identifier: MIT */
#include "host-elf.h"

#include "elf-samples.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int host_elf_read(struct host_elf *host)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	do
		n = read(fd, host->header, sizeof(host->header));
	while (n < 0 && errno == EINTR);
	int saved = errno;
	close(fd);
	if (n < 0)
		return -saved;
	host->len = (size_t)n;
	if (host->len < EI_NIDENT + 4 || memcmp(host->header, ELFMAG, SELFMAG) != 0)
		return -ENOEXEC;
	return 0;
}

bool host_elf_captured_by(const struct host_elf *host, const struct binfmt_entry *entry)
{
	return elf_common_variants_matched(host->header, host->len, entry) != 0;
}

const struct target *host_elf_target(const struct host_elf *host)
{
	return target_for_header(host->header, host->len);
}

const char *host_family(const struct target *exe_target, const char *machine)
{
	const struct target *named = machine ? target_lookup(machine) : NULL;

	if (exe_target)
		return exe_target->family;
	return named ? named->family : NULL;
}

const char *host_family_read(void)
{
	struct host_elf exe;
	struct utsname u;

	return host_family(host_elf_read(&exe) == 0 ? host_elf_target(&exe) : NULL,
			   uname(&u) == 0 ? u.machine : NULL);
}
