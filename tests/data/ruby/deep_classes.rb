module M0
module M1
module M2
module M3
module M4
module M5
module M6
module M7
module M8
module M9
module M10
module M11
module M12
module M13
module M14
module M15
module M16
module M17
module M18
module M19
module M20
module M21
module M22
module M23
module M24
module M25
module M26
module M27
module M28
module M29
module M30
module M31
module M32
module M33
module M34
module M35
module M36
module M37
module M38
module M39
module M40
module M41
module M42
module M43
module M44
module M45
module M46
module M47
module M48
module M49
module M50
module M51
module M52
module M53
module M54
module M55
module M56
module M57
module M58
module M59
module M60
module M61
module M62
module M63
module M64
module M65
module M66
module M67
module M68
module M69
module M70
module M71
module M72
module M73
module M74
module M75
module M76
module M77
module M78
module M79
module M80
module M81
module M82
module M83
module M84
module M85
module M86
module M87
module M88
module M89
module M90
module M91
module M92
module M93
module M94
module M95
module M96
module M97
module M98
module M99
module M100
module M101
module M102
module M103
module M104
module M105
module M106
module M107
module M108
module M109
module M110
module M111
module M112
module M113
module M114
module M115
module M116
module M117
module M118
module M119
module M120
module M121
module M122
module M123
module M124
module M125
module M126
module M127
module M128
module M129
module M130
module M131
module M132
module M133
module M134
module M135
module M136
module M137
module M138
module M139
module M140
module M141
module M142
module M143
module M144
module M145
module M146
module M147
module M148
module M149
module M150
module M151
module M152
module M153
module M154
module M155
module M156
module M157
module M158
module M159
module M160
module M161
module M162
module M163
module M164
module M165
module M166
module M167
module M168
module M169
module M170
module M171
module M172
module M173
module M174
module M175
module M176
module M177
module M178
module M179
module M180
module M181
module M182
module M183
module M184
module M185
module M186
module M187
module M188
module M189
module M190
module M191
module M192
module M193
module M194
module M195
module M196
module M197
module M198
module M199
module M200
module M201
module M202
module M203
module M204
module M205
module M206
module M207
module M208
module M209
module M210
module M211
module M212
module M213
module M214
module M215
module M216
module M217
module M218
module M219
module M220
module M221
module M222
module M223
module M224
module M225
module M226
module M227
module M228
module M229
module M230
module M231
module M232
module M233
module M234
module M235
module M236
module M237
module M238
module M239
module M240
module M241
module M242
module M243
module M244
module M245
module M246
module M247
module M248
module M249
module M250
module M251
module M252
module M253
module M254
module M255
module M256
module M257
module M258
module M259
module M260
module M261
module M262
module M263
module M264
module M265
module M266
module M267
module M268
module M269
module M270
module M271
module M272
module M273
module M274
module M275
module M276
module M277
module M278
module M279
module M280
module M281
module M282
module M283
module M284
module M285
module M286
module M287
module M288
module M289
module M290
module M291
module M292
module M293
module M294
module M295
module M296
module M297
module M298
module M299
def inner; end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
end
