# write_if_changed(FILE TEXT): writes TEXT to FILE only when FILE does not
# already hold it, so a generated source that did not change keeps its time
# and nothing that includes it is compiled again.
function(write_if_changed file text)
  if(EXISTS "${file}")
    file(READ "${file}" old)
    if(old STREQUAL text)
      return()
    endif()
  endif()
  file(WRITE "${file}" "${text}")
endfunction()
