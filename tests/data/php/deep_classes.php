<?php
function outer()
{
return new class {
 public function m0() {
return new class {
 public function m1() {
return new class {
 public function m2() {
return new class {
 public function m3() {
return new class {
 public function m4() {
return new class {
 public function m5() {
return new class {
 public function m6() {
return new class {
 public function m7() {
return new class {
 public function m8() {
return new class {
 public function m9() {
return new class {
 public function m10() {
return new class {
 public function m11() {
return new class {
 public function m12() {
return new class {
 public function m13() {
return new class {
 public function m14() {
return new class {
 public function m15() {
return new class {
 public function m16() {
return new class {
 public function m17() {
return new class {
 public function m18() {
return new class {
 public function m19() {
return new class {
 public function m20() {
return new class {
 public function m21() {
return new class {
 public function m22() {
return new class {
 public function m23() {
return new class {
 public function m24() {
return new class {
 public function m25() {
return new class {
 public function m26() {
return new class {
 public function m27() {
return new class {
 public function m28() {
return new class {
 public function m29() {
return new class {
 public function m30() {
return new class {
 public function m31() {
return new class {
 public function m32() {
return new class {
 public function m33() {
return new class {
 public function m34() {
return new class {
 public function m35() {
return new class {
 public function m36() {
return new class {
 public function m37() {
return new class {
 public function m38() {
return new class {
 public function m39() {
return new class {
 public function m40() {
return new class {
 public function m41() {
return new class {
 public function m42() {
return new class {
 public function m43() {
return new class {
 public function m44() {
return new class {
 public function m45() {
return new class {
 public function m46() {
return new class {
 public function m47() {
return new class {
 public function m48() {
return new class {
 public function m49() {
return new class {
 public function m50() {
return new class {
 public function m51() {
return new class {
 public function m52() {
return new class {
 public function m53() {
return new class {
 public function m54() {
return new class {
 public function m55() {
return new class {
 public function m56() {
return new class {
 public function m57() {
return new class {
 public function m58() {
return new class {
 public function m59() {
return new class {
 public function m60() {
return new class {
 public function m61() {
return new class {
 public function m62() {
return new class {
 public function m63() {
return new class {
 public function m64() {
return new class {
 public function m65() {
return new class {
 public function m66() {
return new class {
 public function m67() {
return new class {
 public function m68() {
return new class {
 public function m69() {
return new class {
 public function m70() {
return new class {
 public function m71() {
return new class {
 public function m72() {
return new class {
 public function m73() {
return new class {
 public function m74() {
return new class {
 public function m75() {
return new class {
 public function m76() {
return new class {
 public function m77() {
return new class {
 public function m78() {
return new class {
 public function m79() {
return new class {
 public function m80() {
return new class {
 public function m81() {
return new class {
 public function m82() {
return new class {
 public function m83() {
return new class {
 public function m84() {
return new class {
 public function m85() {
return new class {
 public function m86() {
return new class {
 public function m87() {
return new class {
 public function m88() {
return new class {
 public function m89() {
return new class {
 public function m90() {
return new class {
 public function m91() {
return new class {
 public function m92() {
return new class {
 public function m93() {
return new class {
 public function m94() {
return new class {
 public function m95() {
return new class {
 public function m96() {
return new class {
 public function m97() {
return new class {
 public function m98() {
return new class {
 public function m99() {
return new class {
 public function m100() {
return new class {
 public function m101() {
return new class {
 public function m102() {
return new class {
 public function m103() {
return new class {
 public function m104() {
return new class {
 public function m105() {
return new class {
 public function m106() {
return new class {
 public function m107() {
return new class {
 public function m108() {
return new class {
 public function m109() {
return new class {
 public function m110() {
return new class {
 public function m111() {
return new class {
 public function m112() {
return new class {
 public function m113() {
return new class {
 public function m114() {
return new class {
 public function m115() {
return new class {
 public function m116() {
return new class {
 public function m117() {
return new class {
 public function m118() {
return new class {
 public function m119() {
return new class {
 public function m120() {
return new class {
 public function m121() {
return new class {
 public function m122() {
return new class {
 public function m123() {
return new class {
 public function m124() {
return new class {
 public function m125() {
return new class {
 public function m126() {
return new class {
 public function m127() {
return new class {
 public function m128() {
return new class {
 public function m129() {
return new class {
 public function m130() {
return new class {
 public function m131() {
return new class {
 public function m132() {
return new class {
 public function m133() {
return new class {
 public function m134() {
return new class {
 public function m135() {
return new class {
 public function m136() {
return new class {
 public function m137() {
return new class {
 public function m138() {
return new class {
 public function m139() {
return new class {
 public function m140() {
return new class {
 public function m141() {
return new class {
 public function m142() {
return new class {
 public function m143() {
return new class {
 public function m144() {
return new class {
 public function m145() {
return new class {
 public function m146() {
return new class {
 public function m147() {
return new class {
 public function m148() {
return new class {
 public function m149() {
return new class {
 public function m150() {
return new class {
 public function m151() {
return new class {
 public function m152() {
return new class {
 public function m153() {
return new class {
 public function m154() {
return new class {
 public function m155() {
return new class {
 public function m156() {
return new class {
 public function m157() {
return new class {
 public function m158() {
return new class {
 public function m159() {
return new class {
 public function m160() {
return new class {
 public function m161() {
return new class {
 public function m162() {
return new class {
 public function m163() {
return new class {
 public function m164() {
return new class {
 public function m165() {
return new class {
 public function m166() {
return new class {
 public function m167() {
return new class {
 public function m168() {
return new class {
 public function m169() {
return new class {
 public function m170() {
return new class {
 public function m171() {
return new class {
 public function m172() {
return new class {
 public function m173() {
return new class {
 public function m174() {
return new class {
 public function m175() {
return new class {
 public function m176() {
return new class {
 public function m177() {
return new class {
 public function m178() {
return new class {
 public function m179() {
return new class {
 public function m180() {
return new class {
 public function m181() {
return new class {
 public function m182() {
return new class {
 public function m183() {
return new class {
 public function m184() {
return new class {
 public function m185() {
return new class {
 public function m186() {
return new class {
 public function m187() {
return new class {
 public function m188() {
return new class {
 public function m189() {
return new class {
 public function m190() {
return new class {
 public function m191() {
return new class {
 public function m192() {
return new class {
 public function m193() {
return new class {
 public function m194() {
return new class {
 public function m195() {
return new class {
 public function m196() {
return new class {
 public function m197() {
return new class {
 public function m198() {
return new class {
 public function m199() {
return new class {
 public function m200() {
return new class {
 public function m201() {
return new class {
 public function m202() {
return new class {
 public function m203() {
return new class {
 public function m204() {
return new class {
 public function m205() {
return new class {
 public function m206() {
return new class {
 public function m207() {
return new class {
 public function m208() {
return new class {
 public function m209() {
return new class {
 public function m210() {
return new class {
 public function m211() {
return new class {
 public function m212() {
return new class {
 public function m213() {
return new class {
 public function m214() {
return new class {
 public function m215() {
return new class {
 public function m216() {
return new class {
 public function m217() {
return new class {
 public function m218() {
return new class {
 public function m219() {
return new class {
 public function m220() {
return new class {
 public function m221() {
return new class {
 public function m222() {
return new class {
 public function m223() {
return new class {
 public function m224() {
return new class {
 public function m225() {
return new class {
 public function m226() {
return new class {
 public function m227() {
return new class {
 public function m228() {
return new class {
 public function m229() {
return new class {
 public function m230() {
return new class {
 public function m231() {
return new class {
 public function m232() {
return new class {
 public function m233() {
return new class {
 public function m234() {
return new class {
 public function m235() {
return new class {
 public function m236() {
return new class {
 public function m237() {
return new class {
 public function m238() {
return new class {
 public function m239() {
return new class {
 public function m240() {
return new class {
 public function m241() {
return new class {
 public function m242() {
return new class {
 public function m243() {
return new class {
 public function m244() {
return new class {
 public function m245() {
return new class {
 public function m246() {
return new class {
 public function m247() {
return new class {
 public function m248() {
return new class {
 public function m249() {
return new class {
 public function m250() {
return new class {
 public function m251() {
return new class {
 public function m252() {
return new class {
 public function m253() {
return new class {
 public function m254() {
return new class {
 public function m255() {
return new class {
 public function m256() {
return new class {
 public function m257() {
return new class {
 public function m258() {
return new class {
 public function m259() {
return new class {
 public function m260() {
return new class {
 public function m261() {
return new class {
 public function m262() {
return new class {
 public function m263() {
return new class {
 public function m264() {
return new class {
 public function m265() {
return new class {
 public function m266() {
return new class {
 public function m267() {
return new class {
 public function m268() {
return new class {
 public function m269() {
return new class {
 public function m270() {
return new class {
 public function m271() {
return new class {
 public function m272() {
return new class {
 public function m273() {
return new class {
 public function m274() {
return new class {
 public function m275() {
return new class {
 public function m276() {
return new class {
 public function m277() {
return new class {
 public function m278() {
return new class {
 public function m279() {
return new class {
 public function m280() {
return new class {
 public function m281() {
return new class {
 public function m282() {
return new class {
 public function m283() {
return new class {
 public function m284() {
return new class {
 public function m285() {
return new class {
 public function m286() {
return new class {
 public function m287() {
return new class {
 public function m288() {
return new class {
 public function m289() {
return new class {
 public function m290() {
return new class {
 public function m291() {
return new class {
 public function m292() {
return new class {
 public function m293() {
return new class {
 public function m294() {
return new class {
 public function m295() {
return new class {
 public function m296() {
return new class {
 public function m297() {
return new class {
 public function m298() {
return new class {
 public function m299() {
return leaf();
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
};
}
