# crew_warnings: the warning set both GCC 12 and clang 14 understand; -Werror with CREW_WERROR.
add_library(crew_warnings INTERFACE)
target_compile_options(crew_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
  -Wnon-virtual-dtor -Woverloaded-virtual -Wnull-dereference -Wformat=2
  $<$<BOOL:${CREW_WERROR}>:-Werror>)
# GCC 12 under ASan reports -Wmaybe-uninitialized inside <regex> and <functional> (false
# positives in the standard library, which break the asan preset's -Werror build).
if(CREW_SANITIZERS)
  target_compile_options(crew_warnings INTERFACE
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
endif()
