cwmSamples.rows(20,[["perm/S5/tuple/all/T32/kfinal/0",1,1,0,0,0,0,0,0],["perm/S5/tuple/all/T32/kfinal/1",1,1,0,0,0,0,0,0]]);
