# crew_settings: build flags shared by every target (sanitizers, assertions), defined once.
add_library(crew_settings INTERFACE)
target_compile_features(crew_settings INTERFACE cxx_std_20)
target_compile_definitions(crew_settings INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)

if(CREW_SANITIZERS)
  string(REPLACE "," ";" crew_sanitizer_list "${CREW_SANITIZERS}")
  foreach(sanitizer IN LISTS crew_sanitizer_list)
    target_compile_options(crew_settings INTERFACE -fsanitize=${sanitizer})
    target_link_options(crew_settings INTERFACE -fsanitize=${sanitizer})
  endforeach()
  target_compile_options(crew_settings INTERFACE -fno-omit-frame-pointer -fno-sanitize-recover=all)
endif()

# crew_module(<name> SOURCES… [DEPS …]): one static library crew_<name> per directory of src/.
function(crew_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(crew_${name} STATIC ${ARG_SOURCES})
  target_include_directories(crew_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(crew_${name} PUBLIC crew_settings ${ARG_DEPS} PRIVATE crew_warnings ${ARG_PRIVATE_DEPS})
endfunction()
